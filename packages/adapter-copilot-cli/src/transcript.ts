import type { Attachment, EventType, Message, MessageSink } from '@convx/core';

/** What every message built from one event shares: the event's id and time. */
export interface Stamp {
  id?: string | undefined;
  timestamp?: string | undefined;
}

function stamped<T extends Message>(message: T, stamp: Stamp): T {
  if (stamp.id) message.id = stamp.id;
  if (stamp.timestamp) message.timestamp = stamp.timestamp;
  return message;
}

/**
 * The messages of one agent (the session's own, or one subagent's), handed to a sink as soon as each is
 * built: Copilot's events are already in order and each settles a message on its own, so nothing is held.
 * Keeps only small bookkeeping: the current model, the ids of the calls shown, the reasoning of the turn.
 */
export class Transcript {
  readonly models: string[] = [];
  private model: string | undefined;
  private readonly shownCalls = new Set<string>();
  /** Reasoning texts of the open turn: `assistant.reasoning` and `reasoningText` repeat each other. */
  private reasoning = new Set<string>();
  private count = 0;

  constructor(private readonly sink: MessageSink) {}

  /** How many messages this transcript has handed on. */
  get size(): number {
    return this.count;
  }

  /** The model that answers from now on. */
  useModel(model: string | undefined): void {
    if (!model) return;
    this.model = model;
    this.sawModel(model);
  }

  /** A model the session used (a usage summary names it), without changing the current one. */
  sawModel(model: string): void {
    if (!this.models.includes(model)) this.models.push(model);
  }

  /** A new user turn or assistant turn: reasoning seen before it can no longer repeat. */
  nextTurn(): void {
    this.reasoning = new Set();
  }

  userText(text: string, attachments: Attachment[], stamp: Stamp): void {
    const message: Message = { kind: 'text', role: 'user', text };
    if (attachments.length) message.attachments = attachments;
    this.push(stamped(message, stamp));
  }

  context(label: string, text: string, stamp: Stamp): void {
    this.push(stamped({ kind: 'context', role: 'user', label, text }, stamp));
  }

  assistantText(text: string, stamp: Stamp, model?: string): void {
    this.push(this.withModel(stamped({ kind: 'text', role: 'assistant', text }, stamp), model));
  }

  /** Reasoning text, unless the turn already showed the same. */
  thinking(text: string, stamp: Stamp, model?: string): void {
    const key = text.trim();
    if (!key || this.reasoning.has(key)) return;
    this.reasoning.add(key);
    this.push(this.withModel(stamped({ kind: 'thinking', role: 'assistant', text }, stamp), model));
  }

  /** Reasoning the source kept only in an opaque or encrypted form. */
  redactedThinking(stamp: Stamp, model?: string): void {
    const message: Message = { kind: 'thinking', role: 'assistant', text: '', redacted: true };
    this.push(this.withModel(stamped(message, stamp), model));
  }

  hasCall(callId: string): boolean {
    return this.shownCalls.has(callId);
  }

  toolCall(name: string, input: unknown, callId: string | undefined, stamp: Stamp, model?: string): void {
    const message: Message = { kind: 'tool-call', role: 'assistant', name, input };
    if (callId) {
      message.callId = callId;
      this.shownCalls.add(callId);
    }
    this.push(this.withModel(stamped(message, stamp), model));
  }

  toolResult(
    result: { output: string; isError: boolean; name?: string | undefined; attachments: Attachment[] },
    callId: string | undefined,
    stamp: Stamp,
  ): void {
    const message: Message = { kind: 'tool-result', role: 'tool', output: result.output };
    if (result.isError) message.isError = true;
    if (callId) message.callId = callId;
    if (result.name) message.name = result.name;
    if (result.attachments.length) message.attachments = result.attachments;
    this.push(stamped(message, stamp));
  }

  event(event: EventType, text: string | undefined, stamp: Stamp): void {
    const message: Message = { kind: 'event', role: 'system', event };
    if (text?.trim()) message.text = text.trim();
    this.push(stamped(message, stamp));
  }

  private withModel<T extends Message>(message: T, model: string | undefined): T {
    this.useModel(model);
    const current = model ?? this.model;
    if (current) message.model = current;
    return message;
  }

  private push(message: Message): void {
    this.count++;
    this.sink(message);
  }
}
