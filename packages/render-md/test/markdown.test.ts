import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { escapeInline, fence, formatBytes, inlineCode, linkPath, shorten } from '../src/markdown.js';
import { neutralizeMarkdown } from '../src/neutralize.js';
import { resolveOptions } from '../src/options.js';
import { shortenBody } from '../src/truncate.js';
import { yamlString } from '../src/yaml.js';

describe('neutralizeMarkdown', () => {
  it('escapes raw HTML outside code but keeps Markdown, code spans, fences and autolinks', () => {
    const input = [
      '**Bold** and `<details>` in code, <summary>raw</summary>, a < b, <!-- hidden -->',
      'see <https://example.com/a?b=1> and \\<escaped>',
      '```html',
      '<details><summary>code</summary></details>',
      '```',
      '</details>',
    ].join('\n');
    expect(neutralizeMarkdown(input)).toBe(
      [
        '**Bold** and `<details>` in code, &lt;summary>raw&lt;/summary>, a < b, &lt;!-- hidden -->',
        'see <https://example.com/a?b=1> and \\<escaped>',
        '```html',
        '<details><summary>code</summary></details>',
        '```',
        '&lt;/details>',
      ].join('\n'),
    );
  });

  it('closes unclosed fences with the same marker and length, and normalizes line endings', () => {
    expect(neutralizeMarkdown('a\r\n~~~~\r\n<x>')).toBe('a\n~~~~\n<x>\n~~~~');
    expect(neutralizeMarkdown('````\n```\n<b>')).toBe('````\n```\n<b>\n````');
    expect(neutralizeMarkdown('an `unclosed <b> span')).toBe('an `unclosed &lt;b> span');
  });
});

describe('shorten', () => {
  it('cuts by characters, never inside a surrogate pair, and splits only the head of a huge text', () => {
    expect(shorten('abc', 3)).toBe('abc');
    expect(shorten('😀😀😀', 3)).toBe('😀😀😀');
    expect(shorten('😀😀😀😀', 3)).toBe('😀😀…');
    // A pasted 100 MB prompt as a title: a character array of it alone would be gigabytes.
    const huge = `${'😀'.repeat(79)}${'x'.repeat(100_000_000)}`;
    expect(shorten(huge, 80)).toBe(`${'😀'.repeat(79)}…`);
    expect(shorten(`${'a'.repeat(160)}😀`, 80)).toBe(`${'a'.repeat(79)}…`);
  });
});

describe('fences and inline code', () => {
  it('makes the fence longer than the longest backtick run', () => {
    expect(fence('plain')).toBe('```\nplain\n```\n');
    expect(fence('a ``````` b', 'ts')).toBe('````````ts\na ``````` b\n````````\n');
  });

  it('builds inline code that survives backticks', () => {
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('`x`')).toBe('`` `x` ``');
  });

  it('escapes titles and encodes link paths', () => {
    expect(escapeInline('# *a* [b]\n<c> & d')).toBe('# \\*a\\* \\[b\\] \\<c> & d');
    expect(linkPath('../my base (1)/agent-x.md')).toBe('../my%20base%20%281%29/agent-x.md');
  });

  it('formats sizes without the locale', () => {
    expect([0, 1023, 1024, 1536, 5 * 1024 ** 3].map(formatBytes)).toEqual([
      '0 B',
      '1023 B',
      '1.0 KiB',
      '1.5 KiB',
      '5.0 GiB',
    ]);
  });
});

describe('yamlString', () => {
  it.each([
    ['plain'],
    ['a: b # c'],
    ['"quoted" \\ back'],
    ['nul\u0000 del\u007f c1\u0090'],
    ['emoji 😀 and 中文'],
  ])('round-trips %j through a YAML parser', (value) => {
    expect(parse(`v: ${yamlString(value)}`)).toEqual({ v: value });
  });
});

describe('shortenBody', () => {
  const limits = { maxToolOutputLines: 10, maxToolOutputChars: 0 };

  it('leaves short bodies untouched', () => {
    expect(shortenBody('a\nb\n', limits)).toEqual({ text: 'a\nb\n' });
  });

  it('never splits a surrogate pair when cutting by characters', () => {
    const { text } = shortenBody('😀'.repeat(100), { maxToolOutputLines: 0, maxToolOutputChars: 51 });
    expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(text).toMatch(/^(😀)+\n\[… \d+ of 200 characters cut …\]$/);
  });
});

describe('resolveOptions', () => {
  it('fills defaults and ignores undefined values', () => {
    expect(resolveOptions({ showContext: undefined, maxToolOutputLines: 5 })).toEqual({
      showContext: false,
      maxToolOutputLines: 5,
      maxToolOutputChars: 8000,
      timeFormat: 'time',
    });
  });

  it('throws a ConvxError with code INVALID_OPTION', () => {
    expect(() => resolveOptions({ colour: 'red' })).toThrow(
      expect.objectContaining({ name: 'ConvxError', code: 'INVALID_OPTION' }),
    );
  });

  it('checks every options object it is given, keeping nothing of it between calls', () => {
    const input: Record<string, unknown> = { maxToolOutputLines: 5 };
    const first = resolveOptions(input);
    expect(first.maxToolOutputLines).toBe(5);
    expect(Object.isFrozen(first)).toBe(true);
    // A changed object is checked again: no answer is remembered by the object's identity.
    input.maxToolOutputLines = -1;
    expect(() => resolveOptions(input)).toThrow(/maxToolOutputLines/);
    expect(resolveOptions(first)).toEqual(first);
    expect(resolveOptions({ maxToolOutputLines: 7 }).maxToolOutputLines).toBe(7);
  });
});
