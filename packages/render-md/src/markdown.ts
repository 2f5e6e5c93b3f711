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

/** Escapes plain text (a title, a label) so Markdown shows it literally on one line. */
export function escapeInline(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_[\]<>|~#]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;');
}

/** Collapses all whitespace (newlines included) to single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Cuts text to `max` characters (never splitting a surrogate pair), adding `…` when it was cut. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text; // no more code points than code units: nothing to cut
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
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
  const ticks = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  const content = body.endsWith('\n') ? body : `${body}\n`;
  return `${ticks}${lang}\n${content}${ticks}\n`;
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
