import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../src/io/line-splitter.js';

/** What the splitter must produce: the file split on `\n`, each line filtered by its first bytes. */
function reference(bytes: Buffer, headBytes: number, keep: (head: string) => boolean, maxLineBytes: number) {
  const lines: Array<{ line: number; text: string }> = [];
  // Each oversized line's number and its length in bytes, which the splitter counts without holding it.
  const oversized: Array<[number, number]> = [];
  const raws: Buffer[] = [];
  let start = 0;
  for (let nl = bytes.indexOf(10); nl !== -1; nl = bytes.indexOf(10, start)) {
    raws.push(bytes.subarray(start, nl));
    start = nl + 1;
  }
  if (start < bytes.length) raws.push(bytes.subarray(start));
  raws.forEach((raw, index) => {
    if (raw.length === 0) return;
    if (!keep(raw.toString('utf8', 0, Math.min(raw.length, headBytes)))) return;
    if (raw.length > maxLineBytes) {
      oversized.push([index + 1, raw.length]);
      return;
    }
    const text = raw.toString('utf8', 0, raw.at(-1) === 13 ? raw.length - 1 : raw.length);
    if (text) lines.push({ line: index + 1, text });
  });
  return { lines, oversized };
}

function split(
  bytes: Buffer,
  chunkSizes: () => number,
  headBytes: number,
  keep: (h: string) => boolean,
  max: number,
) {
  const oversized: Array<[number, number]> = [];
  const splitter = new LineSplitter(max, (line, length) => oversized.push([line, length]), {
    bytes: headBytes,
    keep,
  });
  const lines: Array<{ line: number; text: string }> = [];
  for (let at = 0; at < bytes.length; ) {
    const size = Math.min(bytes.length - at, chunkSizes());
    // A copy per chunk, overwritten after use, as a reader reusing one buffer would.
    const chunk = Buffer.from(bytes.subarray(at, at + size));
    splitter.load(chunk);
    for (let line = splitter.next(); line; line = splitter.next()) lines.push(line);
    chunk.fill(0x78);
    at += size;
  }
  const last = splitter.last();
  if (last) lines.push(last);
  return { lines, oversized };
}

describe('LineSplitter with a head filter', () => {
  it('keeps and drops exactly what filtering each whole line by its first bytes would, however it is chunked', () => {
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x80000000;
    };
    const pieces = ['a', 'bc', 'é', '€', '😀', ' ', 'drop', '\r'];
    const keep = (head: string) => !head.includes('drop');
    for (let round = 0; round < 300; round++) {
      const headBytes = 1 + Math.floor(random() * 24);
      const max = headBytes + Math.floor(random() * 40);
      const lines: string[] = [];
      for (let n = Math.floor(random() * 12); n > 0; n--) {
        let line = '';
        for (let k = Math.floor(random() * 30); k > 0; k--)
          line += pieces[Math.floor(random() * pieces.length)];
        lines.push(line);
      }
      const bytes = Buffer.from(lines.join('\n') + (random() < 0.5 ? '\n' : ''));
      const chunkSize = 1 + Math.floor(random() * 40);
      const got = split(bytes, () => 1 + Math.floor(random() * chunkSize), headBytes, keep, max);
      expect(got, `round ${round}`).toEqual(reference(bytes, headBytes, keep, max));
    }
  });
});
