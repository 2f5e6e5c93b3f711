import { describe, expect, it } from 'vitest';
import { type ShortenedBody, shortenBody } from '../src/truncate.js';
import { randomText, seeded } from './seeded.js';

// The version that split the whole body into lines, kept as the reference: shortening by searching for
// newlines must not change a byte, or every transcript with a long tool output would be rewritten.
function referenceShortenBody(
  body: string,
  limits: { maxToolOutputLines: number; maxToolOutputChars: number },
): ShortenedBody {
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
  const countLines = (text: string) => (text === '' ? 0 : text.split('\n').length);
  const keptLines = countLines(headText) + countLines(tailText);
  const cutLines = Math.max(0, lines.length - keptLines);
  const what =
    cutLines > 0 ? `${cutLines} of ${lines.length} lines` : `${cutChars} of ${whole.length} characters`;
  const marker = `[… ${what} cut …]`;
  const text = tailText ? `${headText}\n${marker}\n${tailText}` : `${headText}\n${marker}`;
  return { text, note: `Shortened: ${what} not shown here; the JSON twin has the full text.` };
}
const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
function takeStart(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = isHigh(text.charCodeAt(max - 1)) ? max - 1 : max;
  return text.slice(0, Math.max(0, end));
}
function takeEnd(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  let start = text.length - max;
  if (isLow(text.charCodeAt(start))) start++;
  return text.slice(start);
}

/** Deterministic random bodies: empty lines, trailing newlines, long lines, surrogate pairs. */
function* randomBodies(count: number): Generator<string> {
  const pieces = ['\n', '\n', '\n\n', 'a', 'word ', 'x'.repeat(30), '😀', 'é', '\r\n', ' '];
  const next = seeded(5);
  for (let n = 0; n < count; n++) {
    yield randomText(next, pieces, 60);
  }
}

describe('shortenBody, against the version that split the body', () => {
  it('shortens every random body exactly as before, under any limits', () => {
    const limits = [0, 1, 2, 3, 4, 5, 8, 13, 80];
    const chars = [0, 1, 2, 7, 20, 64, 200, 8000];
    let cut = 0;
    let seed = 0;
    for (const body of randomBodies(6_000)) {
      seed++;
      const options = {
        maxToolOutputLines: limits[seed % limits.length] as number,
        maxToolOutputChars: chars[(seed * 7) % chars.length] as number,
      };
      const actual = shortenBody(body, options);
      if (actual.note) cut++;
      expect(actual).toEqual(referenceShortenBody(body, options));
    }
    // Both outcomes are covered: many bodies are cut, many are not.
    expect(cut).toBeGreaterThan(1_000);
    expect(cut).toBeLessThan(5_000);
  });
});
