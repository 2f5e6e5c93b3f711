import type { MarkdownOptions } from './options.js';

export interface ShortenedBody {
  text: string;
  /** A sentence saying what was cut, when anything was. */
  note?: string;
}

type Limits = Pick<MarkdownOptions, 'maxToolOutputLines' | 'maxToolOutputChars'>;

/**
 * Shortens a long tool body for reading: keeps the head and the tail (where errors and summaries usually are)
 * with a marker line between them. The JSON twin keeps the whole text, and the note says so.
 */
export function shortenBody(body: string, limits: Limits): ShortenedBody {
  const { maxToolOutputLines: maxLines, maxToolOutputChars: maxChars } = limits;
  const lines = body.replace(/\n$/, '').split('\n');
  let head = lines;
  let tail: string[] = [];
  if (maxLines > 0 && lines.length > maxLines) {
    const tailCount = Math.floor(maxLines / 4);
    head = lines.slice(0, maxLines - tailCount);
    tail = tailCount ? lines.slice(lines.length - tailCount) : [];
  }
  let headText = head.join('\n');
  let tailText = tail.join('\n');
  if (maxChars > 0 && headText.length + tailText.length > maxChars) {
    const tailBudget = tail.length ? Math.floor(maxChars / 4) : 0;
    tailText = takeEnd(tailText, tailBudget);
    headText = takeStart(headText, maxChars - tailText.length);
  }
  const whole = body.replace(/\n$/, '');
  const cutChars = whole.length - headText.length - tailText.length;
  if (cutChars <= 0) return { text: body };
  const keptLines = countLines(headText) + countLines(tailText);
  const cutLines = Math.max(0, lines.length - keptLines);
  const what =
    cutLines > 0 ? `${cutLines} of ${lines.length} lines` : `${cutChars} of ${whole.length} characters`;
  const marker = `[… ${what} cut …]`;
  const text = tailText ? `${headText}\n${marker}\n${tailText}` : `${headText}\n${marker}`;
  return { text, note: `Shortened: ${what} not shown here; the JSON twin has the full text.` };
}

function countLines(text: string): number {
  return text === '' ? 0 : text.split('\n').length;
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
