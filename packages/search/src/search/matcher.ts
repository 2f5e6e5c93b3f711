import { prepareQueryText } from '../text/prepare.js';

/** Where a term was found in a text: `[start, end)` in UTF-16 units, and which term. */
export interface Match {
  start: number;
  end: number;
  term: number;
}

const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;
const CJK_START =
  /^[\u2E80-\u2FDF\u3040-\u30FF\u3100-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF66-\uFF9F\uD840-\uD87F]/;
const NON_ASCII = /[^\x20-\x7e\t\n\r]/;

/** A term to highlight: a word, phrase or prefix as the query wrote it. */
export interface HighlightTerm {
  text: string;
  prefix: boolean;
}

interface TermPattern {
  strict: RegExp;
  loose: RegExp;
}

/**
 * Finds query terms in message text the way the index matched them: case- and accent-insensitively, a
 * term's tokens in order with any punctuation between (`snake_case` finds `snake case`), whole words first,
 * else inside a word (a camelCase part, a CJK run).
 */
export class TermMatcher {
  private readonly patterns: TermPattern[];

  constructor(terms: readonly HighlightTerm[]) {
    this.patterns = terms.flatMap((term) => {
      const tokens = [...fold(prepareQueryText(term.text)).matchAll(TOKEN)].map((m) => m[0]);
      if (tokens.length === 0) return [];
      // Tokens in order with punctuation between; CJK characters (one token each) may also touch.
      let body = tokens[0] ?? '';
      for (let i = 1; i < tokens.length; i++) {
        const touching = CJK_START.test(tokens[i - 1] ?? '') && CJK_START.test(tokens[i] ?? '');
        body += (touching ? '[^\\p{L}\\p{N}]*' : '[^\\p{L}\\p{N}]+') + tokens[i];
      }
      if (term.prefix) body += '[\\p{L}\\p{N}]*';
      const first = tokens[0] ?? '';
      const last = tokens.at(-1) ?? '';
      const before = CJK_START.test(first) ? '' : '(?<![\\p{L}\\p{N}])';
      const after = term.prefix || CJK_START.test(last) ? '' : '(?![\\p{L}\\p{N}])';
      return [{ strict: new RegExp(before + body + after, 'giu'), loose: new RegExp(body, 'giu') }];
    });
  }

  get size(): number {
    return this.patterns.length;
  }

  /** Every match in the text, in order, overlaps dropped. */
  find(text: string, limit = 1000): Match[] {
    const folded = NON_ASCII.test(text) ? fold(text) : text;
    const matches: Match[] = [];
    this.patterns.forEach((pattern, term) => {
      let found = collect(pattern.strict, folded, term, limit);
      if (found.length === 0) found = collect(pattern.loose, folded, term, limit);
      matches.push(...found);
    });
    matches.sort((a, b) => a.start - b.start || b.end - a.end);
    const out: Match[] = [];
    for (const m of matches) {
      const last = out.at(-1);
      if (!last || m.start >= last.end) out.push(m);
    }
    return out;
  }
}

function collect(pattern: RegExp, text: string, term: number, limit: number): Match[] {
  const out: Match[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m && out.length < limit; m = pattern.exec(text)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    out.push({ start: m.index, end: m.index + m[0].length, term });
  }
  return out;
}

/**
 * Lower-case without accents, one UTF-16 unit for one (so positions stay those of the original text): `É`
 * → `e`. Units that fold to more or less than one stay as they are.
 */
export function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    const code = c.charCodeAt(0);
    if (code < 0x80) {
      out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : c;
      continue;
    }
    const base = c
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase();
    out += base.length === 1 ? base : c;
  }
  return out;
}
