import type { Attachment, Message } from '@convx/core';
import { INJECTED_LABEL } from './context-labels.js';
import type { RecordBase } from './types.js';

/** A message seen only on the UI event stream, placed where it arrived unless its transcript twin exists. */
interface Echo {
  at: number;
  key: string;
  message: Message;
}

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

function stamp<T extends Message>(message: T, base: RecordBase): T {
  if (base.id) message.id = base.id;
  if (base.timestamp) message.timestamp = base.timestamp;
  return message;
}

/**
 * Collects a session's messages in file order and resolves the two copies Codex writes of each turn: the
 * model transcript (`response_item`) and the UI stream (`event_msg`). Transcript items are kept; an event
 * is rendered only when it has no transcript twin. Where `user_message` events exist they decide which
 * `user` items a person typed: the others become context.
 */
export class Transcript {
  readonly models: string[] = [];
  private readonly messages: Message[] = [];
  private readonly preamble: Message[] = [];
  private readonly userItems: { at: number; key: string }[] = [];
  private readonly userEvents: Echo[] = [];
  private readonly echoes: Echo[] = [];
  /** Normalized assistant and thinking texts of the transcript, counted, for matching echoes. */
  private readonly spoken = new Map<string, number>();
  private readonly callNames = new Map<string, string>();
  private model: string | undefined;
  private compaction: { end: number; summarized: boolean } | undefined;

  useModel(model: string): void {
    this.model = model;
    if (!this.models.includes(model)) this.models.push(model);
  }

  context(role: 'user' | 'system', label: string, text: string, base: RecordBase): void {
    this.messages.push(stamp({ kind: 'context', role, label, text }, base));
  }

  /** A `user` item that looks typed; confirmed or demoted by the `user_message` events in `finish`. */
  userText(text: string, attachments: Attachment[], base: RecordBase): void {
    this.userItems.push({ at: this.messages.length, key: normalize(text) });
    this.messages.push(stamp(withAttachments({ kind: 'text', role: 'user', text }, attachments), base));
  }

  userEvent(text: string, attachments: Attachment[], base: RecordBase): void {
    const message = stamp(withAttachments({ kind: 'text', role: 'user', text }, attachments), base);
    this.userEvents.push({ at: this.messages.length, key: normalize(text), message });
  }

  assistantText(text: string, base: RecordBase): void {
    this.remember(`a:${normalize(text)}`);
    this.messages.push(this.withModel(stamp({ kind: 'text', role: 'assistant', text }, base)));
  }

  thinking(texts: string[], base: RecordBase): void {
    for (const text of texts) this.remember(`t:${normalize(text)}`);
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
    const key = `${kind === 'assistant' ? 'a' : 't'}:${normalize(text)}`;
    const message: Message =
      kind === 'assistant'
        ? { kind: 'text', role: 'assistant', text }
        : { kind: 'thinking', role: 'assistant', text };
    this.echoes.push({ at: this.messages.length, key, message: this.withModel(stamp(message, base)) });
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

  /** Context shown before everything else (header instructions); unstamped, it happened at no moment. */
  prependContext(label: string, text: string): void {
    this.preamble.push({ kind: 'context', role: 'user', label, text });
  }

  hasContext(labels: readonly string[]): boolean {
    return this.messages.some((m) => m.kind === 'context' && labels.includes(m.label));
  }

  /** Resolves the event/transcript pairs and returns the messages in file order. */
  finish(): Message[] {
    const inserts: Echo[] = [];
    if (this.userEvents.length) inserts.push(...this.resolveUserTurns());
    for (const echo of this.echoes) if (!this.forget(echo.key)) inserts.push(echo);
    if (!inserts.length) return [...this.preamble, ...this.messages];
    inserts.sort((a, b) => a.at - b.at);
    const out: Message[] = [...this.preamble];
    let next = 0;
    this.messages.forEach((message, i) => {
      while (next < inserts.length && (inserts[next]?.at ?? 0) <= i)
        out.push((inserts[next++] as Echo).message);
      out.push(message);
    });
    while (next < inserts.length) out.push((inserts[next++] as Echo).message);
    return out;
  }

  /** Pairs `user` items with `user_message` events: exact text first, then containment (images add tags). */
  private resolveUserTurns(): Echo[] {
    const matchedItems = new Set<number>();
    const unmatched: Echo[] = [];
    const pending: Echo[] = [];
    const byKey = new Map<string, number[]>();
    for (const item of this.userItems) {
      const list = byKey.get(item.key);
      if (list) list.push(item.at);
      else byKey.set(item.key, [item.at]);
    }
    for (const event of this.userEvents) {
      const at = byKey.get(event.key)?.shift();
      if (at !== undefined) matchedItems.add(at);
      else pending.push(event);
    }
    for (const event of pending) {
      const item = event.key
        ? this.userItems.find((u) => !matchedItems.has(u.at) && u.key.includes(event.key))
        : undefined;
      if (item) matchedItems.add(item.at);
      else unmatched.push(event);
    }
    for (const item of this.userItems) {
      const message = this.messages[item.at];
      if (matchedItems.has(item.at) || message?.kind !== 'text') continue;
      const demoted: Message = { kind: 'context', role: 'user', label: INJECTED_LABEL, text: message.text };
      if (message.id) demoted.id = message.id;
      if (message.timestamp) demoted.timestamp = message.timestamp;
      this.messages[item.at] = demoted;
    }
    return unmatched;
  }

  private withModel<T extends Message>(message: T): T {
    if (this.model) message.model = this.model;
    return message;
  }

  private remember(key: string): void {
    this.spoken.set(key, (this.spoken.get(key) ?? 0) + 1);
  }

  private forget(key: string): boolean {
    const count = this.spoken.get(key) ?? 0;
    if (count > 0) this.spoken.set(key, count - 1);
    return count > 0;
  }
}

function withAttachments<T extends Message & { attachments?: Attachment[] }>(
  message: T,
  attachments: Attachment[],
): T {
  if (attachments.length) message.attachments = attachments;
  return message;
}
