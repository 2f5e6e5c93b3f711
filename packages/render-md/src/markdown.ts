// Low-level Markdown/HTML escaping. Everything here is pure string work so output stays deterministic.

/** Normalizes line endings so a transcript never mixes `\r\n` and `\n`. */
export function normalizeNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

const HTML_SPECIAL = /[&<>"]/;

/** Escapes text for HTML contexts we write ourselves (`<summary>`). */
export function escapeHtml(text: string): string {
  if (!HTML_SPECIAL.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/**
 * Escapes plain text (a title, a label, link text) so Markdown shows it literally on one line, in an inline
 * position (after `# `, inside `[…]`, after a list marker) — and only where a character could do something
 * there: backticks always; brackets (links); `<` before what could be a tag or autolink; `&` before what
 * could be an entity; a backslash before punctuation or at the end; `*` and `~` when there are two (a pair
 * could emphasize); `_` only when not inside a word (`yield_time_ms` stays as it is) and paired; a closing
 * `#` run (a heading would drop it). Everything else is left alone.
 */
export function escapeInline(text: string): string {
  const line = oneLine(text);
  const intraword = (i: number) => WORD_CHAR.test(line.charAt(i - 1)) && WORD_CHAR.test(line.charAt(i + 1));
  let stars = 0;
  let tildes = 0;
  let looseUnderscores = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (c === '*') stars++;
    else if (c === '~') tildes++;
    else if (c === '_' && !intraword(i)) looseUnderscores++;
  }
  const pairs = { '*': stars > 1, '~': tildes > 1, _: looseUnderscores > 1 };
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    const next = line.charAt(i + 1);
    let active = false;
    switch (c) {
      case '`':
      case '[':
      case ']':
        active = true;
        break;
      case '<':
        active = /[a-zA-Z/!?]/.test(next);
        break;
      case '&':
        active = /^&(#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);/.test(line.slice(i));
        break;
      case '\\':
        active = next === '' || ASCII_PUNCTUATION.test(next);
        break;
      case '*':
      case '~':
        active = pairs[c];
        break;
      case '_':
        active = pairs._ && !intraword(i);
        break;
      case '#':
        active = /^#+$/.test(line.slice(i)) && (i === 0 || line.charAt(i - 1) === ' ');
        break;
    }
    out += c === '&' && active ? '&amp;' : active ? `\\${c}` : c;
  }
  return out;
}

// Whitespace that `oneLine` would change: any but a space, or two in a row.
const UNUSUAL_WHITESPACE = /[^\S ]|\s\s/;

/** Collapses all whitespace (newlines included) to single spaces. */
export function oneLine(text: string): string {
  // Replacing every single space by itself would copy the text for nothing; most names and titles have
  // nothing else to collapse.
  return UNUSUAL_WHITESPACE.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}

/**
 * Cuts text to `max` characters (never splitting a surrogate pair), adding `…` when it was cut. The cut
 * falls after the last whole word when one ends in the last 40 % of the room ("…the stack trace" rather
 * than "…the stack tra"); a single long token (a path, a hash) is cut where the room ends.
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text; // no more code points than code units: nothing to cut
  // `max` code points span at most 2·max code units: split only that much (a pasted 100 MB prompt is a title).
  const chars = Array.from(text.length > 2 * max ? text.slice(0, 2 * max) : text);
  if (chars.length <= max && text.length <= 2 * max) return text;
  const room = chars.slice(0, max - 1);
  // A cut right before a space keeps the whole last word already.
  if (!/\s/.test(chars[max - 1] ?? ' ')) {
    const lastSpace = room.findLastIndex((c) => /\s/.test(c));
    if (lastSpace >= Math.floor((max - 1) * 0.6)) room.length = lastSpace;
  }
  return `${room.join('').replace(/[\s,;:.–—-]+$/u, '')}…`;
}

function longestRun(text: string, char: '`' | '~'): number {
  let best = 0;
  for (let at = text.indexOf(char); at !== -1; ) {
    let end = at + 1;
    while (text.startsWith(char, end)) end++;
    best = Math.max(best, end - at);
    at = text.indexOf(char, end);
  }
  return best;
}

/** A fenced code block whose fence is longer than any backtick run inside the body, so it can never close early. */
export function fence(body: string, lang = ''): string {
  return fencePieces(body, lang).join('');
}

/**
 * `fence` as pieces, the body one of them untouched: a tool output is written as it is, never copied into
 * the block around it.
 */
export function fencePieces(body: string, lang = ''): string[] {
  const ticks = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  return [`${ticks}${lang}\n`, body, body.endsWith('\n') ? '' : '\n', `${ticks}\n`];
}

/** An inline code span that survives backticks in its content. */
export function inlineCode(text: string): string {
  const value = oneLine(text);
  const ticks = '`'.repeat(longestRun(value, '`') + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${value}${pad}${ticks}`;
}

/** Percent-encodes each segment of a relative link so spaces or parentheses cannot break `[x](link)`. */
export function linkPath(path: string): string {
  return path
    .split('/')
    .map((part) => (part === '..' ? part : encodeURIComponent(part).replace(/[()]/g, escapeParen)))
    .join('/');
}

function escapeParen(c: string): string {
  return c === '(' ? '%28' : '%29';
}

/** Bytes as a short deterministic size: `512 B`, `2.0 KiB`, `3.4 MiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
