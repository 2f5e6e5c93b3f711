import { asRecord, isRecord, type Message, num, str, type ToolResultMessage } from '@convx/core';
import { convertItem, type ItemSink, type ParseEnv } from './parse.js';
import { resultOf, toolStatesOf } from './parse-tools.js';

/** Tokens summed over the replies that report them (`message.usage`). */
export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

/** What a whole history turned into. */
export interface ParsedHistory {
  messages: Message[];
  usage?: Usage;
  /** The earliest reasoning start the history records (its only timestamps), epoch ms. */
  earliest?: number;
}

/**
 * Turns a session's `history` into messages item by item, as the file is streamed: only the messages and
 * small bookkeeping are held, never the items (their prompt logs repeat the whole conversation). Three
 * things can only be settled once the history is read, and are filled in by `finish`: whether a later
 * `tool` message answers a call (then the call's state holds no result of its own), the name and error flag
 * of a `tool` message (from its call's state, wherever it stands), and the model of a reply whose item names
 * none (the session's `chatModelTitle`, which may follow the history).
 */
export class HistoryParser implements ItemSink {
  private readonly messages: Message[] = [];
  private readonly usage: Usage = { promptTokens: 0, completionTokens: 0 };
  private reported = false;
  private earliest: number | undefined;
  private readonly answered = new Set<string>();
  private readonly states = new Map<string, { name?: string; errored: boolean }>();
  /** Results taken from a call's state: dropped when a `tool` message answers the call. */
  private readonly stateResults = new Set<Message>();
  /** `tool` messages waiting for their call's name and error flag. */
  private readonly toolResults: { message: Message; callId: string }[] = [];
  /** Reply messages whose item names no model. */
  private readonly unnamed = new Set<Message>();

  constructor(readonly env: ParseEnv) {}

  add(value: unknown): void {
    if (!isRecord(value)) return;
    const at = isRecord(value.reasoning) ? num(value.reasoning.startAt) : undefined;
    if (at !== undefined && (this.earliest === undefined || at < this.earliest)) this.earliest = at;
    const message = asRecord(value.message);
    const callId = str(message?.toolCallId);
    if (message?.role === 'tool' && callId) this.answered.add(callId);
    // Last state wins, as Continue keeps updating a call's state in place.
    for (const state of toolStatesOf(value))
      this.states.set(state.callId, {
        ...(state.name ? { name: state.name } : {}),
        errored: resultOf(state)?.isError === true,
      });
    if (!message) {
      this.env.diagnostics.add('missing-message', 'a history item without a message was skipped', {
        path: this.env.path,
      });
      return;
    }
    this.messages.push(...convertItem(value, message, this));
    const tokens = asRecord(message.usage);
    if (tokens) {
      this.reported = true;
      this.usage.promptTokens += num(tokens.promptTokens) ?? 0;
      this.usage.completionTokens += num(tokens.completionTokens) ?? 0;
    }
  }

  /** Settles what only the whole history tells (see the class) and hands over the messages. */
  finish(sessionModel: string | undefined): ParsedHistory {
    for (const { message, callId } of this.toolResults) {
      const state = this.states.get(callId);
      if (state?.name) Object.assign(message, { name: state.name });
      if (state?.errored) Object.assign(message, { isError: true });
    }
    const messages = this.messages
      .filter(
        (m) => !(this.stateResults.has(m) && m.kind === 'tool-result' && this.answered.has(m.callId ?? '')),
      )
      .map((m) => (sessionModel && this.unnamed.has(m) ? withModel(m, sessionModel) : m));
    const out: ParsedHistory = { messages };
    if (this.reported) out.usage = this.usage;
    if (this.earliest !== undefined) out.earliest = this.earliest;
    return out;
  }

  /** Called by `convertItem` for what it produces that `finish` completes. */
  track(kind: 'state-result' | 'unnamed', messages: Message[]): void {
    for (const m of messages) (kind === 'state-result' ? this.stateResults : this.unnamed).add(m);
  }

  trackToolResult(message: ToolResultMessage, callId: string): void {
    this.toolResults.push({ message, callId });
  }
}

/** The message with `model` set where the parser puts it (after `id`), so output stays in one key order. */
function withModel(message: Message, model: string): Message {
  const { id, ...rest } = message;
  return { ...(id !== undefined ? { id } : {}), model, ...rest } satisfies Message;
}
