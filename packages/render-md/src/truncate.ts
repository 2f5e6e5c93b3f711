import type { MarkdownOptions } from './options.js';

export interface ShortenedBody {
  text: string;
  /** A sentence saying what was cut, when anything was. */
  note?: string;
}

type Limits = Pick<MarkdownOptions, 'maxToolOutputLines' | 'maxToolOutputChars'>;

/**
 * Shortens a long tool body for reading: keeps the head and the tail (where errors and summaries usually are)
 * with a marker line between them. The JSON twin keeps the whole text, and the note says so. The lines are
 * found by searching for newlines, never by splitting the body: outputs run to megabytes, and most are
 * returned as they are.
 */
export function shortenBody(body: string, limits: Limits): ShortenedBody {
  const { maxToolOutputLines: maxLines, maxToolOutputChars: maxChars } = limits;
  const whole = body.endsWith('\n') ? body.slice(0, -1) : body;
  const lineCount = countNewlines(whole) + 1;
  let headText = whole;
  let tailText = '';
  let hasTail = false;
  if (maxLines > 0 && lineCount > maxLines) {
    const tailCount = Math.floor(maxLines / 4);
    headText = whole.slice(0, nthNewline(whole, maxLines - tailCount));
    hasTail = tailCount > 0;
    if (hasTail) tailText = whole.slice(nthNewlineFromEnd(whole, tailCount) + 1);
  }
  if (maxChars > 0 && headText.length + tailText.length > maxChars) {
    const tailBudget = hasTail ? Math.floor(maxChars / 4) : 0;
    tailText = takeEnd(tailText, tailBudget);
    headText = takeStart(headText, maxChars - tailText.length);
  }
  const cutChars = whole.length - headText.length - tailText.length;
  if (cutChars <= 0) return { text: body };
  const keptLines = countLines(headText) + countLines(tailText);
  const cutLines = Math.max(0, lineCount - keptLines);
  const what =
    cutLines > 0 ? `${cutLines} of ${lineCount} lines` : `${cutChars} of ${whole.length} characters`;
  const marker = `[… ${what} cut …]`;
  const text = tailText ? `${headText}\n${marker}\n${tailText}` : `${headText}\n${marker}`;
  return { text, note: `Shortened: ${what} not shown here; the JSON twin has the full text.` };
}

function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** The index of the `n`th newline (n ≥ 1) from the start; the text has at least `n`. */
function nthNewline(text: string, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) at = text.indexOf('\n', at + 1);
  return at;
}

/** The index of the `n`th newline (n ≥ 1) counted from the end; the text has at least `n`. */
function nthNewlineFromEnd(text: string, n: number): number {
  let at = text.length;
  for (let i = 0; i < n; i++) at = text.lastIndexOf('\n', at - 1);
  return at;
}

function countLines(text: string): number {
  return text === '' ? 0 : countNewlines(text) + 1;
}

/** The first `max` characters, never ending inside a surrogate pair. */
function takeStart(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  return text.slice(0, Math.max(0, end));
}

/** The last `max` characters, never starting inside a surrogate pair. */
function takeEnd(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  let start = text.length - max;
  if (isLowSurrogate(text.charCodeAt(start))) start++;
  return text.slice(start);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
