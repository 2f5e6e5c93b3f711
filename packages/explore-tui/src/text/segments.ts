import type { StyleName } from '../ui/theme.js';

/** A run of text in one style: the unit every screen line is made of. */
export interface Segment {
  text: string;
  style?: StyleName;
}

/**
 * Splits `text` so each case-insensitive occurrence of a term is its own `mark` segment (the longest term
 * wins where two start at the same place).
 */
export function markTerms(text: string, terms: readonly string[], style?: StyleName): Segment[] {
  const wanted = terms.map((t) => t.toLowerCase()).filter((t) => t.length > 0);
  if (wanted.length === 0 || text === '') return [{ text, ...(style ? { style } : {}) }];
  const lower = text.toLowerCase();
  const out: Segment[] = [];
  let plainFrom = 0;
  let at = 0;
  while (at < text.length) {
    let best = 0;
    for (const term of wanted) if (term.length > best && lower.startsWith(term, at)) best = term.length;
    if (best === 0) {
      at++;
      continue;
    }
    if (at > plainFrom) out.push({ text: text.slice(plainFrom, at), ...(style ? { style } : {}) });
    out.push({ text: text.slice(at, at + best), style: 'mark' });
    at += best;
    plainFrom = at;
  }
  if (plainFrom < text.length) out.push({ text: text.slice(plainFrom), ...(style ? { style } : {}) });
  return out;
}

/** Whether `text` contains any of the (lower-case) terms. */
export function hasTerm(text: string, terms: readonly string[]): boolean {
  if (terms.length === 0) return false;
  const lower = text.toLowerCase();
  return terms.some((term) => term !== '' && lower.includes(term));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

/**
 * A search snippet (`<mark>`-wrapped matches, everything else HTML-escaped, as `@convx/search` returns it)
 * as segments: marked runs in the `mark` style, entities decoded, whitespace folded to single spaces.
 */
export function snippetSegments(snippet: string): Segment[] {
  const out: Segment[] = [];
  const parts = snippet.split(/(<mark>[\s\S]*?<\/mark>)/);
  for (const part of parts) {
    if (part === '') continue;
    const marked = part.startsWith('<mark>') && part.endsWith('</mark>');
    const inner = marked ? part.slice('<mark>'.length, -'</mark>'.length) : part;
    const text = inner
      .replace(/<\/?mark>/g, '')
      .replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, name: string) => ENTITIES[name] ?? '')
      .replace(/\s+/g, ' ');
    if (text !== '') out.push(marked ? { text, style: 'mark' } : { text });
  }
  return out;
}
