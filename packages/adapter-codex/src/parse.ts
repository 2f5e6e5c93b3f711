import type { Attachment, Message, MessageSink } from '@convx/core';
import { type Echo, interleave, normalize, resolveUserTurns, Spoken, type UserItem } from './parse-turns.js';
import type { RecordBase } from './types.js';

/** Decides, once, the context shown before everything else, seeing the first turn's messages. */
export type Preamble = (firstTurn: readonly Message[]) => Message | undefined;

function stamp<T extends Message>(message: T, base: RecordBase): T {
  if (base.id) message.id = base.id;
  if (base.timestamp) message.timestamp = base.timestamp;
  return message;
}

/**
 * Collects a session's messages one turn at a time and resolves the two copies Codex writes of each turn:
 * the model transcript (`response_item`) and the UI stream (`event_msg`). Transcript items are kept; an
 * event is rendered only when it has no transcript twin. Once a file has `user_message` events they decide
 * which `user` items a person typed: the others become context. `endTurn` resolves the open turn, hands its
 * messages on and forgets them, so memory holds one turn, never the session.
 */
export class Transcript {
  readonly models: string[] = [];
  private messages: Message[] = [];
  private userItems: UserItem[] = [];
  private userEvents: Echo[] = [];
  private echoes: Echo[] = [];
  private readonly spoken = new Spoken();
  private readonly callNames = new Map<string, string>();
  private model: string | undefined;
  /** The last compaction point; `end` counts from the open turn's start (negative once it ended). */
  private compaction: { end: number; summarized: boolean } | undefined;
  private sawUserEvents = false;
  private started = false;

  constructor(
    private readonly emit: MessageSink,
    private readonly preamble: Preamble = () => undefined,
  ) {}

  useModel(model: string): void {
    this.model = model;
    if (!this.models.includes(model)) this.models.push(model);
  }

  context(role: 'user' | 'system', label: string, text: string, base: RecordBase): void {
    this.messages.push(stamp({ kind: 'context', role, label, text }, base));
  }

  /** A `user` item that looks typed; confirmed or demoted by the turn's `user_message` events. */
  userText(text: string, attachments: Attachment[], base: RecordBase): void {
    this.userItems.push({ at: this.messages.length, key: normalize(text) });
    this.messages.push(stamp(withAttachments({ kind: 'text', role: 'user', text }, attachments), base));
  }

  userEvent(text: string, attachments: Attachment[], base: RecordBase): void {
    const message = stamp(withAttachments({ kind: 'text', role: 'user', text }, attachments), base);
    this.sawUserEvents = true;
    this.userEvents.push({ at: this.messages.length, key: normalize(text), message });
  }

  assistantText(text: string, base: RecordBase): void {
    this.spoken.remember('text', text);
    this.messages.push(this.withModel(stamp({ kind: 'text', role: 'assistant', text }, base)));
  }

  thinking(texts: string[], base: RecordBase): void {
    for (const text of texts) this.spoken.remember('thinking', text);
    const text = texts.join('\n\n');
    this.messages.push(this.withModel(stamp({ kind: 'thinking', role: 'assistant', text }, base)));
  }

  /** One marker for a reasoning item that kept only its encrypted content. */
  redactedThinking(base: RecordBase): void {
    const message: Message = { kind: 'thinking', role: 'assistant', text: '', redacted: true };
    this.messages.push(this.withModel(stamp(message, base)));
  }

  /** An `agent_message` / `agent_reasoning` event: shown only if the transcript lacks the same text. */
  echo(kind: 'assistant' | 'thinking', text: string, base: RecordBase): void {
    const message: Message =
      kind === 'assistant'
        ? { kind: 'text', role: 'assistant', text }
        : { kind: 'thinking', role: 'assistant', text };
    this.echoes.push({ at: this.messages.length, key: text, message: this.withModel(stamp(message, base)) });
  }

  toolCall(name: string, input: unknown, callId: string | undefined, base: RecordBase): void {
    if (callId) this.callNames.set(callId, name);
    const message: Message = { kind: 'tool-call', role: 'assistant', name, input };
    if (callId) message.callId = callId;
    this.messages.push(this.withModel(stamp(message, base)));
  }

  toolResult(
    callId: string | undefined,
    output: { text: string; isError?: boolean; attachments?: Attachment[] },
    base: RecordBase,
  ): void {
    const message: Message = { kind: 'tool-result', role: 'tool', output: output.text };
    if (output.isError) message.isError = true;
    if (callId) message.callId = callId;
    const name = callId ? this.callNames.get(callId) : undefined;
    if (name) message.name = name;
    if (output.attachments?.length) message.attachments = output.attachments;
    this.messages.push(stamp(message, base));
  }

  event(event: 'error' | 'abort' | 'warning' | 'info', text: string | undefined, base: RecordBase): void {
    const message: Message = { kind: 'event', role: 'system', event };
    if (text) message.text = text;
    this.messages.push(stamp(message, base));
  }

  /**
   * A compaction point. Codex writes it twice (`compacted` with the summary, `context_compacted` event);
   * when nothing was said in between, the second only adds the summary the first lacked.
   */
  compacted(summary: string | undefined, base: RecordBase): void {
    const current = this.compaction;
    if (!current || current.end !== this.messages.length) {
      const message: Message = {
        kind: 'event',
        role: 'system',
        event: 'compaction',
        text: 'Context compacted',
      };
      this.messages.push(stamp(message, base));
      this.compaction = { end: this.messages.length, summarized: false };
    }
    const open = this.compaction;
    if (summary?.trim() && open && !open.summarized) {
      this.context('user', 'Compaction summary', summary, base);
      this.compaction = { end: this.messages.length, summarized: true };
    }
  }

  /**
   * Ends the open turn: pairs its events with its transcript items, hands its messages to `emit` in file
   * order and forgets them. Events left unmatched at the very end of a turn (their twin may open the next
   * one) move on with it, unless this is the end of the file.
   */
  endTurn(final = false): void {
    const end = this.messages.length;
    const lone = this.sawUserEvents ? resolveUserTurns(this.messages, this.userItems, this.userEvents) : [];
    const echoes = this.echoes.filter((echo) => !this.spoken.forget(echo.message.kind, echo.key));
    const waits = (echo: Echo) => !final && echo.at === end;
    const shown = [...lone, ...echoes].filter((echo) => !waits(echo));
    if (!this.started && (final || shown.length > 0 || end > 0)) {
      this.started = true;
      const first = this.preamble(this.messages);
      if (first) this.emit(first);
    }
    interleave(this.messages, shown, this.emit);
    this.messages = [];
    this.userItems = [];
    this.userEvents = lone.filter(waits).map((echo) => ({ ...echo, at: 0 }));
    this.echoes = echoes.filter(waits).map((echo) => ({ ...echo, at: 0 }));
    this.spoken.nextTurn();
    if (this.compaction) this.compaction.end -= end;
  }

  private withModel<T extends Message>(message: T): T {
    if (this.model) message.model = this.model;
    return message;
  }
}

function withAttachments<T extends Message & { attachments?: Attachment[] }>(
  message: T,
  attachments: Attachment[],
): T {
  if (attachments.length) message.attachments = attachments;
  return message;
}
