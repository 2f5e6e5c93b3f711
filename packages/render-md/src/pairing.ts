import type { Message, ToolCallMessage, ToolResultMessage } from '@convx/core';
import { Lookahead, type WindowLimits } from './lookahead.js';

/** A message in the window, with its position in the session and whether a call has taken it. */
interface Slot {
  message: Message;
  index: number;
  claimed: boolean;
}

/** One message to show, in session order; a result shown inside its call never appears as a step. */
export interface Step {
  message: Message;
  /** Position in the session (0-based), counting every message. */
  index: number;
  /** For a tool call: the result paired with it. */
  result?: ToolResultMessage | undefined;
  /** The messages after this one that the window holds, in order (paired results included). */
  ahead(): Iterable<Message>;
}

/** A cheap estimate of the characters a message holds, to bound the window by content, not only by count. */
function messageChars(message: Message): number {
  switch (message.kind) {
    case 'text':
    case 'thinking':
    case 'context':
      return message.text.length;
    case 'tool-call':
      return message.name.length + (JSON.stringify(message.input)?.length ?? 0);
    case 'tool-result':
      return message.output.length;
    case 'event':
      return message.text?.length ?? 0;
  }
}

function* slots(messages: Iterable<Message>): Generator<Slot> {
  let index = 0;
  for (const message of messages) yield { message, index: index++, claimed: false };
}

/**
 * Walks the messages once, pairing each tool call with its result through a bounded window. The rule is the
 * one a whole-session index would apply — the first call with an id gets the first result with that id,
 * wherever it is — restricted to what the window can see: a result recorded up to a window before its call,
 * or after it. A later call reusing an id gets no result; a result that found no call is shown on its own.
 * Only the ids of calls and results already passed are remembered, never their contents.
 */
export function* pairedSteps(messages: Iterable<Message>, limits: WindowLimits): Generator<Step> {
  const window = new Lookahead<Slot>(slots(messages), (slot) => messageChars(slot.message), limits);
  const callsSeen = new Set<string>();
  const resultsSeen = new Set<string>();
  /** Results recorded before their call, waiting for it (the call is in the window). */
  const waiting = new Map<string, ToolResultMessage>();
  const ahead = function* (): Generator<Message> {
    for (const slot of window.ahead()) yield slot.message;
  };

  const resultOf = (call: ToolCallMessage): ToolResultMessage | undefined => {
    const id = call.callId;
    if (id === undefined || callsSeen.has(id)) return undefined;
    callsSeen.add(id);
    const early = waiting.get(id);
    if (early) {
      waiting.delete(id);
      return early;
    }
    if (resultsSeen.has(id)) return undefined; // its first result was too far back
    for (const slot of window.ahead()) {
      const m = slot.message;
      if (m.kind === 'tool-result' && m.callId === id) {
        slot.claimed = true;
        resultsSeen.add(id);
        return m;
      }
    }
    return undefined;
  };

  /** Whether this result was recorded before its call (which the window holds), so it waits for it. */
  const waitsForCall = (result: ToolResultMessage): boolean => {
    const id = result.callId;
    if (id === undefined || resultsSeen.has(id)) return false;
    resultsSeen.add(id);
    if (callsSeen.has(id)) return false; // its call was too far back
    for (const slot of window.ahead()) {
      const m = slot.message;
      if (m.kind === 'tool-call' && m.callId === id) {
        waiting.set(id, result);
        return true;
      }
    }
    return false;
  };

  try {
    for (let slot = window.next(); slot; slot = window.next()) {
      const { message, index } = slot;
      if (slot.claimed) continue;
      if (message.kind === 'tool-call') yield { message, index, result: resultOf(message), ahead };
      else if (message.kind !== 'tool-result' || !waitsForCall(message)) yield { message, index, ahead };
    }
  } finally {
    window.close();
  }
}
