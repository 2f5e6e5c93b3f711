import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import type { Segment } from './segments.js';

/**
 * Text from a transcript made safe to print: escape sequences and other control characters would let a
 * recorded session move the cursor, change colours or write the clipboard (OSC 52), so each becomes `�`
 * (tabs become spaces; newlines stay for wrapping; a CR-LF is a newline).
 */
export function clean(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(/\t/g, '  ')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: a transcript's control characters are what is replaced
      .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, '\ufffd')
  );
}

/** One line of a single-line field (a title, a project): cleaned, newlines and runs of spaces folded. */
export function oneLine(text: string): string {
  return clean(text).replace(/\s+/g, ' ').trim();
}

export function width(text: string): number {
  return stringWidth(text);
}

/** `text` cut to at most `columns` cells, with `…` when cut. */
export function truncate(text: string, columns: number): string {
  if (columns <= 0) return '';
  if (stringWidth(text) <= columns) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    const w = stringWidth(char);
    if (used + w > columns - 1) break;
    out += char;
    used += w;
  }
  return `${out}…`;
}

/** `text` cut or padded with spaces to exactly `columns` cells. */
export function fit(text: string, columns: number): string {
  const cut = truncate(text, columns);
  return cut + ' '.repeat(Math.max(0, columns - stringWidth(cut)));
}

/** Cleaned text wrapped to `columns` (words kept whole where they fit, long ones broken). */
export function wrap(text: string, columns: number): string[] {
  const lines: string[] = [];
  for (const paragraph of clean(text).split('\n')) {
    if (paragraph === '') lines.push('');
    else lines.push(...wrapAnsi(paragraph, Math.max(1, columns), { hard: true, trim: false }).split('\n'));
  }
  return lines;
}

/** Segments cut to `columns` cells in total (the last one shortened with `…`), for a single screen row. */
export function fitSegments(segments: readonly Segment[], columns: number): Segment[] {
  const out: Segment[] = [];
  let left = columns;
  for (const segment of segments) {
    if (left <= 0) break;
    const w = stringWidth(segment.text);
    if (w <= left) {
      out.push(segment);
      left -= w;
    } else {
      out.push({ ...segment, text: truncate(segment.text, left) });
      left = 0;
    }
  }
  return out;
}

/** The cells a row of segments takes. */
export function segmentsWidth(segments: readonly Segment[]): number {
  return segments.reduce((n, s) => n + stringWidth(s.text), 0);
}

/** Segments word-wrapped into rows of at most `columns` cells (a word longer than a row is broken). */
export function wrapSegments(segments: readonly Segment[], columns: number): Segment[][] {
  const rows: Segment[][] = [[]];
  let used = 0;
  const push = (text: string, style: Segment['style']) => {
    const row = rows[rows.length - 1] ?? [];
    const last = row.at(-1);
    if (last && last.style === style) last.text += text;
    else row.push({ text, ...(style ? { style } : {}) });
    used += stringWidth(text);
  };
  for (const segment of segments) {
    for (const token of segment.text.split(/(\s+)/)) {
      if (token === '') continue;
      let rest = token;
      while (rest !== '') {
        const w = stringWidth(rest);
        if (used + w <= columns) {
          push(rest, segment.style);
          break;
        }
        if (/^\s+$/.test(rest)) {
          rows.push([]);
          used = 0;
          break;
        }
        if (used > 0 && w <= columns) {
          rows.push([]);
          used = 0;
          continue;
        }
        const piece = truncateExact(rest, columns - used);
        push(piece, segment.style);
        rest = rest.slice(piece.length);
        rows.push([]);
        used = 0;
      }
    }
  }
  return rows.filter((row, i) => row.length > 0 || i === 0);
}

/** The longest start of `text` that fits `columns` cells (at least one character). */
function truncateExact(text: string, columns: number): string {
  let out = '';
  let used = 0;
  for (const char of text) {
    const w = stringWidth(char);
    if (out !== '' && used + w > columns) break;
    out += char;
    used += w;
  }
  return out;
}
