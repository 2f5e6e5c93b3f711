import { normalizeNewlines } from './markdown.js';

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const AUTOLINK = /^<[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*>/;

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
  const out: string[] = [];
  let open: OpenFence | undefined;
  const lines = normalizeNewlines(text).split('\n');
  lines.forEach((line, i) => {
    if (open) {
      if (closesFence(line, open)) open = undefined;
      out.push(line);
      return;
    }
    const match = FENCE_OPEN.exec(line);
    const marker = match?.[1];
    if (marker && !(marker.startsWith('`') && match[2]?.includes('`'))) {
      open = { char: marker.charAt(0), length: marker.length };
      out.push(line);
      return;
    }
    const safe = neutralizeLine(line);
    out.push(options.keepLineBreaks && continuesParagraph(line, lines[i + 1]) ? `${safe}\\` : safe);
  });
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

/** Escapes HTML-looking `<` outside code spans on one line; autolinks and backslash escapes are kept. */
function neutralizeLine(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const c = line.charAt(i);
    if (c === '\\' && i + 1 < line.length) {
      out += line.slice(i, i + 2);
      i += 2;
    } else if (c === '`') {
      const run = /^`+/.exec(line.slice(i))?.[0] ?? '`';
      const close = findClosingRun(line, i + run.length, run.length);
      const end = close === -1 ? i + run.length : close + run.length;
      out += line.slice(i, end);
      i = end;
    } else if (c === '<') {
      const link = AUTOLINK.exec(line.slice(i))?.[0];
      if (link) {
        out += link;
        i += link.length;
      } else {
        out += /[a-zA-Z/!?]/.test(line.charAt(i + 1)) ? '&lt;' : '<';
        i++;
      }
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function findClosingRun(line: string, from: number, length: number): number {
  const re = /`+/g;
  re.lastIndex = from;
  for (let m = re.exec(line); m; m = re.exec(line)) if (m[0].length === length) return m.index;
  return -1;
}
