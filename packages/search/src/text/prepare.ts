/**
 * Text as the full-text table receives it. SQLite's unicode61 tokenizer splits words at punctuation, so
 * `snake_case`, `dotted.names` and `src/file/paths.ts` are found by their parts and, as adjacent parts, whole.
 * Two things it cannot do are done here: camelCase identifiers also get their parts (`parseQuery` → `parse
 * query`, appended once per identifier), and CJK characters, which no space separates, become one token each
 * (a CJK word is then found as a phrase of its characters).
 */
export function prepareText(text: string): string {
  let out = CJK_TEST.test(text) ? text.replace(CJK_CHAR, ' $& ') : text;
  if (CAMEL_TEST.test(text)) {
    const parts = new Set<string>();
    for (const [word] of text.matchAll(CAMEL_WORD)) parts.add(camelParts(word));
    if (parts.size > 0) out += `\n${[...parts].join('\n')}`;
  }
  return out;
}

/** A query atom's text for FTS5, CJK spaced out as in the index; camel parts are not added (the whole matches). */
export function prepareQueryText(text: string): string {
  return CJK_TEST.test(text) ? text.replace(CJK_CHAR, ' $& ') : text;
}

/** True when the text has something the tokenizer keeps (letters or digits): `*`, `-`, emoji alone have not. */
export function hasTokens(text: string): boolean {
  return TOKEN_CHAR.test(text);
}

/** `parseHTTPResponse2` → `parse HTTP Response2`. */
export function camelParts(word: string): string {
  return word.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
}

const CAMEL_TEST = /[a-z0-9][A-Z]|[A-Z][A-Z][a-z]/;
/** A run of letters and digits with a case change inside: `parseQuery`, `HTTPServer`, `utf8Decode`. */
const CAMEL_WORD = /(?<![A-Za-z0-9])[A-Za-z0-9]*?(?:[a-z0-9][A-Z]|[A-Z][A-Z][a-z])[A-Za-z0-9]*/g;
// Han (with extensions, as surrogate pairs), kana, Hangul syllables, CJK compatibility ideographs.
const CJK_CHAR =
  /[\u2E80-\u2FDF\u3040-\u30FF\u3100-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF66-\uFF9F]|[\uD840-\uD87F][\uDC00-\uDFFF]/g;
const CJK_TEST =
  /[\u2E80-\u2FDF\u3040-\u30FF\u3100-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF66-\uFF9F]|[\uD840-\uD87F][\uDC00-\uDFFF]/;
const TOKEN_CHAR = /[\p{L}\p{N}\p{Co}]/u;

/** A token as FTS5's unicode61 tokenizer (remove_diacritics 2) stores it: lower-case, without accents. */
export function foldToken(token: string): string {
  return token
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}
