import type { Message } from '@convx/core';
import { INJECTED_LABEL } from './context-labels.js';

/** A message seen only on the UI event stream, placed where it arrived unless its transcript twin exists. */
export interface Echo {
  /** Index in the turn's transcript messages before which it arrived. */
  at: number;
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
 * Normalized assistant and thinking texts a turn's transcript said, counted, for matching echoes. Kept in a
 * map per kind, so the key is the text itself (a prefixed key would copy every text to hash it).
 */
export class Spoken {
  private current = new Map<string, Map<string, number>>();
  // The turn before's leftovers too: an echo written just after a turn boundary still finds its twin.
  private previous = new Map<string, Map<string, number>>();

  remember(kind: string, key: string): void {
    let counts = this.current.get(kind);
    if (!counts) {
      counts = new Map();
      this.current.set(kind, counts);
    }
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }

  /** Consumes one spoken copy of the text; false when the transcript never said it. */
  forget(kind: string, key: string): boolean {
    for (const turn of [this.current, this.previous]) {
      const counts = turn.get(kind);
      const count = counts?.get(key) ?? 0;
      if (counts && count > 0) {
        counts.set(key, count - 1);
        return true;
      }
    }
    return false;
  }

  nextTurn(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}
