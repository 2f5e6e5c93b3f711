import { normalizeNewlines } from './markdown.js';

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const AUTOLINK = /<[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*>/y;

interface OpenFence {
  char: string;
  length: number;
}

/**
 * Makes free text (an answer, a prompt, thinking) safe to embed in the transcript while keeping its Markdown:
 * raw HTML outside code is escaped (so a stray `<details>` or `</details>` cannot open or close our collapsible
 * blocks), code fences and code spans stay verbatim, and a fence left open at the end is closed so it cannot
 * swallow the rest of the document.
 */
export function neutralizeMarkdown(text: string, options: { keepLineBreaks?: boolean } = {}): string {
  return isPlainText(text, options) ? text : neutralizeLines(text, options);
}

// What can make `neutralizeLines` change a text: a `<` (escaped), a fence (kept, or closed at the end), a
// `\r` (normalized) — and, when line breaks are kept, a newline (a hard break may be added before it).
const MAY_CHANGE = /[<\r]|```|~~~/;

/**
 * Whether `neutralizeLines` would return the text as it is, known from one scan instead of splitting it into
 * lines and matching each: most answers and prompts are plain prose without any of the characters above.
 */
export function isPlainText(text: string, options: { keepLineBreaks?: boolean } = {}): boolean {
  return !MAY_CHANGE.test(text) && !(options.keepLineBreaks && text.includes('\n'));
}

/** The general path of `neutralizeMarkdown`, line by line (exported for the test of its fast path). */
export function neutralizeLines(text: string, options: { keepLineBreaks?: boolean } = {}): string {
  const out: string[] = [];
  let open: OpenFence | undefined;
  const lines = normalizeNewlines(text).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (open) {
      if (closesFence(line, open)) open = undefined;
      out.push(line);
      continue;
    }
    const match = FENCE_OPEN.exec(line);
    const marker = match?.[1];
    if (marker && !(marker.startsWith('`') && match[2]?.includes('`'))) {
      open = { char: marker.charAt(0), length: marker.length };
      out.push(line);
      continue;
    }
    const safe = neutralizeLine(line);
    out.push(options.keepLineBreaks && continuesParagraph(line, lines[i + 1]) ? `${safe}\\` : safe);
  }
  if (open) out.push(open.char.repeat(open.length));
  return out.join('\n');
}

// A line that starts a block of its own (list item, heading, quote, fence, table row, indented code).
const BLOCK_START = /^(?: {0,3}(?:[-*+]\s|\d{1,9}[.)]\s|#{1,6}(?:\s|$)|>|`{3,}|~{3,}|\|)| {4,}|\t)/;

/**
 * Whether a hard line break belongs at the end of `line`: both it and the next line are text of the same
 * paragraph. Typed prompts are plain text, where a newline means a newline; Markdown would fold it away.
 */
function continuesParagraph(line: string, next: string | undefined): boolean {
  if (next === undefined || !line.trim() || !next.trim()) return false;
  if (/^ {0,3}#{1,6}(\s|$)/.test(line) || line.endsWith('\\') || /^ {0,3}(`{3,}|~{3,})/.test(line))
    return false;
  return !BLOCK_START.test(next);
}

function closesFence(line: string, open: OpenFence): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
  const marker = match?.[1];
  return marker !== undefined && marker.charAt(0) === open.char && marker.length >= open.length;
}

const BACKSLASH = 92;
const BACKTICK = 96;
const LESS_THAN = 60;
const TAG_START = /[a-zA-Z/!?]/;

/**
 * Escapes HTML-looking `<` outside code spans on one line; autolinks and backslash escapes are kept. Text
 * between the characters that matter (`\\`, `` ` ``, `<`) is copied in slices, and a line without any is
 * returned as it is (most lines).
 */
function neutralizeLine(line: string): string {
  let out = '';
  let copied = 0;
  let i = nextSpecial(line, 0);
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c === BACKSLASH) {
      i += 2; // the escaped character is kept as it is
    } else if (c === BACKTICK) {
      let run = 1;
      while (line.charCodeAt(i + run) === BACKTICK) run++;
      const close = findClosingRun(line, i + run, run);
      i = close === -1 ? i + run : close + run; // a code span is kept verbatim
    } else {
      AUTOLINK.lastIndex = i;
      const link = AUTOLINK.exec(line);
      if (link) i += link[0].length;
      else {
        if (TAG_START.test(line.charAt(i + 1))) {
          out += `${line.slice(copied, i)}&lt;`;
          copied = i + 1;
        }
        i++;
      }
    }
    i = nextSpecial(line, i);
  }
  return copied === 0 ? line : out + line.slice(copied);
}

/** The index of the next `\\`, `` ` `` or `<` at or after `from`, or the line's length. */
function nextSpecial(line: string, from: number): number {
  for (let i = from; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === BACKSLASH || c === BACKTICK || c === LESS_THAN) return i;
  }
  return line.length;
}

function findClosingRun(line: string, from: number, length: number): number {
  const re = /`+/g;
  re.lastIndex = from;
  for (let m = re.exec(line); m; m = re.exec(line)) if (m[0].length === length) return m.index;
  return -1;
}
