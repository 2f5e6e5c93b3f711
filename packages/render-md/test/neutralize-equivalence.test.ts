import { describe, expect, it } from 'vitest';
import { fence, oneLine } from '../src/markdown.js';
import { isPlainText, neutralizeLines, neutralizeMarkdown } from '../src/neutralize.js';
import { randomText, seeded } from './seeded.js';

// The character-by-character versions the faster ones replaced: the output must not change by a byte, or
// every transcript would be rewritten on the next run.
const AUTOLINK = /^<[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*>/;
function referenceLine(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const c = line.charAt(i);
    if (c === '\\' && i + 1 < line.length) {
      out += line.slice(i, i + 2);
      i += 2;
    } else if (c === '`') {
      const run = /^`+/.exec(line.slice(i))?.[0] ?? '`';
      const re = /`+/g;
      re.lastIndex = i + run.length;
      let close = -1;
      for (let m = re.exec(line); m; m = re.exec(line))
        if (m[0].length === run.length) {
          close = m.index;
          break;
        }
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
function referenceLongestTicks(text: string): number {
  let best = 0;
  for (const match of text.matchAll(/`+/g)) best = Math.max(best, match[0].length);
  return best;
}

/** Deterministic random lines dense in the characters that matter. */
function* randomLines(count: number): Generator<string> {
  const pieces = [
    '`',
    '``',
    '```',
    '\\',
    '<',
    '<a',
    '</x>',
    '<!--',
    '<?',
    '<https://e.x/a?b>',
    '<mailto:a@b>',
    '<1',
    '< ',
    'a',
    'word ',
    ' ',
    '~~~',
    '*',
    '\r',
    '\r\n',
    '\n',
    'é',
    '😀',
    '&',
    '>',
    '\t',
  ];
  const next = seeded(7);
  for (let n = 0; n < count; n++) {
    yield randomText(next, pieces, 24);
  }
}

describe('neutralizeMarkdown and fence, against the reference versions', () => {
  it('escape every random line exactly as before', () => {
    for (const line of randomLines(20_000)) {
      if (line.includes('\n') || line.includes('\r')) continue;
      // A line that opens a fence is kept verbatim by neutralizeMarkdown, before neutralizeLine sees it.
      if (/^ {0,3}(`{3,}|~{3,})/.test(line)) continue;
      expect(neutralizeMarkdown(line)).toBe(referenceLine(line));
    }
  });

  it('choose a fence longer than any backtick run, as before', () => {
    for (const text of randomLines(5_000)) {
      const ticks = '`'.repeat(Math.max(3, referenceLongestTicks(text) + 1));
      expect(fence(text).startsWith(`${ticks}\n`)).toBe(true);
    }
  });
});

/** Deterministic random multi-line texts of Markdown that matters at a line's start and inside it. */
function* randomTexts(count: number): Generator<string> {
  const starts = [
    '',
    '# ',
    '## ',
    '> ',
    '- ',
    '* ',
    '1. ',
    '| a | b |',
    '    ',
    '\t',
    '```',
    '~~~',
    '   ```js',
    '---',
  ];
  const words = [
    'word',
    ' ',
    '`x`',
    '``',
    '\\',
    '\\<',
    '|',
    '<b>',
    '</details>',
    '<https://e.x>',
    '&amp;',
    '*em*',
    '_u_',
    'é😀',
    '\\',
  ];
  const next = seeded(11);
  for (let n = 0; n < count; n++) {
    const lines: string[] = [];
    const lineCount = 1 + (next() % 6);
    for (let l = 0; l < lineCount; l++) {
      let line = starts[next() % starts.length] as string;
      const length = next() % 8;
      for (let k = 0; k < length; k++) line += words[next() % words.length];
      lines.push(line);
    }
    // Mostly `\n`, sometimes `\r\n` or a blank line between paragraphs.
    const separator = ['\n', '\n', '\n', '\r\n', '\n\n'][next() % 5] as string;
    yield lines.join(separator);
  }
}

describe('neutralizeMarkdown fast path for plain text', () => {
  it('returns what the line-by-line path returns, for both kinds of text', () => {
    let plain = 0;
    for (const text of randomTexts(20_000)) {
      for (const keepLineBreaks of [false, true]) {
        if (isPlainText(text, { keepLineBreaks })) plain++;
        expect(neutralizeMarkdown(text, { keepLineBreaks })).toBe(neutralizeLines(text, { keepLineBreaks }));
      }
    }
    // The comparison covers both paths: a good share of the texts take the fast one.
    expect(plain).toBeGreaterThan(2_000);
    expect(plain).toBeLessThan(38_000);
  });

  it('takes the fast path only for text the general path leaves as it is', () => {
    expect(isPlainText('Plain prose with `code`, a | pipe, # and > inside, and\na second line.')).toBe(true);
    expect(isPlainText('two\nlines', { keepLineBreaks: true })).toBe(false);
    for (const text of ['a <b> tag', 'windows\r\nline', '```\ncode', '~~~', 'x\n```']) {
      expect(isPlainText(text)).toBe(false);
    }
  });
});

describe('oneLine fast path for text with only single spaces', () => {
  it('collapses every random text exactly as replacing each whitespace run does', () => {
    const pieces = [' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2028', '\ufeff', 'a', 'word', 'é😀', '`'];
    const next = seeded(13);
    let untouched = 0;
    for (let n = 0; n < 20_000; n++) {
      const text = randomText(next, pieces, 12);
      const reference = text.replace(/\s+/g, ' ').trim();
      if (reference === text) untouched++;
      expect(oneLine(text)).toBe(reference);
    }
    // Both paths are covered: some texts need no collapsing at all.
    expect(untouched).toBeGreaterThan(500);
  });
});
