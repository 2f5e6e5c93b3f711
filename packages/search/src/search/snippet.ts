import type { Match, TermMatcher } from './matcher.js';

const SNIPPET_CHARS = 200;
const LEAD_CHARS = 60;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** Text safe to put into HTML: `& < > " '` escaped. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/**
 * A snippet of `text` around its densest cluster of matches: about 200 characters, whitespace runs shown as
 * one space, `…` where it was cut, matches wrapped in `<mark>` and everything else HTML-escaped.
 */
export function makeSnippet(text: string, matches: readonly Match[]): string {
  if (matches.length === 0) return window(text, 0, []);
  let best = matches[0] as Match;
  let bestScore = -1;
  for (const anchor of matches) {
    const from = anchor.start - LEAD_CHARS;
    const to = from + SNIPPET_CHARS;
    const terms = new Set<number>();
    let count = 0;
    for (const m of matches) {
      if (m.start >= from && m.end <= to) {
        terms.add(m.term);
        count++;
      }
    }
    const score = terms.size * 1000 + count;
    if (score > bestScore) {
      bestScore = score;
      best = anchor;
    }
  }
  return window(text, Math.max(0, best.start - LEAD_CHARS), matches);
}

/** The snippet of `text` starting near `from`, with the matches inside it marked. */
function window(text: string, from: number, matches: readonly Match[]): string {
  let start = from;
  if (start > 0) {
    // Start at a word: after the nearest space within a few characters.
    const space = text.slice(start, start + 20).search(/\s/);
    if (space >= 0) start += space + 1;
  }
  // Skip leading whitespace so the snippet starts with text.
  while (start < text.length && /\s/.test(text[start] as string)) start++;
  let end = Math.min(text.length, start + SNIPPET_CHARS);
  if (end < text.length) {
    const cut = text.slice(start, end).search(/\s\S*$/);
    if (cut > SNIPPET_CHARS / 2) end = start + cut;
  }
  // Never cut a match in half.
  for (const m of matches) if (m.start < end && m.end > end) end = m.end;
  let out = start > 0 ? '…' : '';
  let at = start;
  for (const m of matches) {
    if (m.end <= start || m.start >= end) continue;
    const s = Math.max(m.start, start);
    out += plain(text.slice(at, s));
    out += `<mark>${plain(text.slice(s, m.end))}</mark>`;
    at = m.end;
  }
  out += plain(text.slice(at, end));
  if (end < text.length) out = `${out.trimEnd()}…`;
  return out;
}

function plain(text: string): string {
  return escapeHtml(text.replace(/\s+/g, ' '));
}

/** A title (or any short text) with its matches marked, HTML-escaped. */
export function markAll(text: string, matcher: TermMatcher): string {
  const matches = matcher.find(text);
  let out = '';
  let at = 0;
  for (const m of matches) {
    out += plain(text.slice(at, m.start));
    out += `<mark>${plain(text.slice(m.start, m.end))}</mark>`;
    at = m.end;
  }
  return out + plain(text.slice(at));
}
