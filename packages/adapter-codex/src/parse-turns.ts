import type { Message } from '@convx/core';
import { INJECTED_LABEL } from './parse-context-labels.js';

/** A message seen only on the UI event stream, placed where it arrived unless its transcript twin exists. */
export interface Echo {
  /** Index in the turn's transcript messages before which it arrived. */
  at: number;
  /** What it is matched by: a user event's normalized text; an assistant echo's text as it is (see Spoken). */
  key: string;
  message: Message;
}

/** A `user` transcript item that looks typed, by its index in the turn's messages. */
export interface UserItem {
  at: number;
  key: string;
}

// Whitespace other than a plain space (one character class: a fast scan, unlike an alternation).
const OTHER_SPACE = /[^\S ]/;

/** Whether `normalize` would change the text: two spaces in a row, a space at either end, other whitespace. */
const unnormal = (text: string) =>
  text.startsWith(' ') || text.endsWith(' ') || text.includes('  ') || OTHER_SPACE.test(text);

/** The text with runs of whitespace made one space and trimmed: the key echoes are matched by. */
export const normalize = (text: string) => (unnormal(text) ? text.replace(/\s+/g, ' ').trim() : text);

/**
 * Pairs `user` items with `user_message` events: exact text first, then containment (images add tags).
 * Items no event confirms become injected context, in place; returns the events no item carries.
 */
export function resolveUserTurns(messages: Message[], items: UserItem[], events: Echo[]): Echo[] {
  const matchedItems = new Set<number>();
  const unmatched: Echo[] = [];
  const pending: Echo[] = [];
  const byKey = new Map<string, number[]>();
  for (const item of items) {
    const list = byKey.get(item.key);
    if (list) list.push(item.at);
    else byKey.set(item.key, [item.at]);
  }
  for (const event of events) {
    const at = byKey.get(event.key)?.shift();
    if (at !== undefined) matchedItems.add(at);
    else pending.push(event);
  }
  for (const event of pending) {
    const item = event.key
      ? items.find((u) => !matchedItems.has(u.at) && u.key.includes(event.key))
      : undefined;
    if (item) matchedItems.add(item.at);
    else unmatched.push(event);
  }
  for (const item of items) {
    const message = messages[item.at];
    if (matchedItems.has(item.at) || message?.kind !== 'text') continue;
    const demoted: Message = { kind: 'context', role: 'user', label: INJECTED_LABEL, text: message.text };
    if (message.id) demoted.id = message.id;
    if (message.timestamp) demoted.timestamp = message.timestamp;
    messages[item.at] = demoted;
  }
  return unmatched;
}

/** Hands out the transcript messages with the unmatched events inserted where they arrived. */
export function interleave(messages: Message[], inserts: Echo[], emit: (m: Message) => void): void {
  inserts.sort((a, b) => a.at - b.at);
  let next = 0;
  messages.forEach((message, i) => {
    while (next < inserts.length && (inserts[next]?.at ?? 0) <= i) emit((inserts[next++] as Echo).message);
    emit(message);
  });
  while (next < inserts.length) emit((inserts[next++] as Echo).message);
}

/**
 * The assistant and thinking texts a turn's transcript said, counted, for matching echoes. An echo nearly
 * always repeats its twin's text exactly, so texts are kept as they are and matched exactly first; only on
 * a miss are they compared with whitespace normalized. A turn's texts are normalized at most once.
 */
export class Spoken {
  private current = new Map<string, SpokenTexts>();
  // The turn before's leftovers too: an echo written just after a turn boundary still finds its twin.
  private previous = new Map<string, SpokenTexts>();

  remember(kind: string, text: string): void {
    let texts = this.current.get(kind);
    if (!texts) {
      texts = new SpokenTexts();
      this.current.set(kind, texts);
    }
    texts.add(text);
  }

  /** Consumes one spoken copy of the text, whitespace aside; false when the transcript never said it. */
  forget(kind: string, text: string): boolean {
    let key: string | undefined;
    for (const turn of [this.current, this.previous]) {
      const texts = turn.get(kind);
      if (!texts) continue;
      if (texts.take(text)) return true;
      key ??= normalize(text);
      if (texts.takeNormalized(key)) return true;
    }
    return false;
  }

  nextTurn(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}

/** One turn's texts of one kind: copies not yet matched, by exact text; by normalized text once asked. */
class SpokenTexts {
  private readonly counts = new Map<string, number>();
  private byKey: Map<string, string[]> | undefined;

  add(text: string): void {
    const count = this.counts.get(text);
    this.counts.set(text, (count ?? 0) + 1);
    if (this.byKey && count === undefined) this.index(text);
  }

  take(text: string): boolean {
    const count = this.counts.get(text) ?? 0;
    if (count === 0) return false;
    this.counts.set(text, count - 1);
    return true;
  }

  takeNormalized(key: string): boolean {
    if (!this.byKey) {
      this.byKey = new Map();
      for (const text of this.counts.keys()) this.index(text);
    }
    for (const text of this.byKey.get(key) ?? []) if (this.take(text)) return true;
    return false;
  }

  private index(text: string): void {
    const byKey = this.byKey as Map<string, string[]>;
    const key = normalize(text);
    const texts = byKey.get(key);
    if (texts) texts.push(text);
    else byKey.set(key, [text]);
  }
}
