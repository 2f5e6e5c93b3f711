import { COLUMN_WEIGHTS, type Column } from '../text/columns.js';
import { type ChunkMessage, SNIPPET_SCAN_CHARS } from './chunk-messages.js';
import type { TermMatcher } from './matcher.js';
import { makeSnippet, markAll } from './snippet.js';

/**
 * The best message of a chunk and its snippet: the one holding the most different query terms, then the
 * one of the weightier kind (a prompt over tool output), then the first. Only messages of the columns the
 * query searched count. No message matching (the title did): message -1 and the title, marked.
 */
export function pickSnippet(
  title: string,
  messages: readonly ChunkMessage[],
  matcher: TermMatcher,
  columns: readonly Column[] | undefined,
): { number: number; snippet: string } {
  const allowed = columns ? messages.filter((m) => columns.includes(m.column)) : messages;
  let best:
    | { number: number; text: string; matches: ReturnType<TermMatcher['find']>; score: number }
    | undefined;
  for (const message of allowed) {
    const text =
      message.text.length > SNIPPET_SCAN_CHARS ? message.text.slice(0, SNIPPET_SCAN_CHARS) : message.text;
    const matches = matcher.find(text);
    if (matches.length === 0) continue;
    const score = new Set(matches.map((m) => m.term)).size * 100 + COLUMN_WEIGHTS[message.column];
    if (!best || score > best.score) best = { number: message.number, text, matches, score };
  }
  if (best) return { number: best.number, snippet: makeSnippet(best.text, best.matches) };
  const first = allowed[0];
  if (!first || matcher.find(title).length > 0) return { number: -1, snippet: markAll(title, matcher) };
  return { number: first.number, snippet: makeSnippet(first.text.slice(0, SNIPPET_SCAN_CHARS), []) };
}
