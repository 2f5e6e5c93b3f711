import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { clean, fit, truncate, wrapSegments } from '../src/text/fit.js';
import { pathTail } from '../src/text/format.js';
import { markTerms, snippetSegments } from '../src/text/segments.js';
import { toolSummary } from '../src/transcript/tool-summary.js';
import { edit, editState, splitEnter } from '../src/ui/line-editor.js';

const key = (over: Partial<Key> = {}): Key => ({
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
  ...over,
});

describe('text', () => {
  it('decodes a search snippet into marked and plain segments', () => {
    expect(snippetSegments('a &lt;b&gt; <mark>login</mark> &amp; <mark>test&#39;s</mark>\nend')).toEqual([
      { text: 'a <b> ' },
      { text: 'login', style: 'mark' },
      { text: ' & ' },
      { text: "test's", style: 'mark' },
      { text: ' end' },
    ]);
  });

  it('marks every occurrence of the terms, whatever their case, the longest first', () => {
    expect(markTerms('Login and log', ['log', 'login'], 'dim')).toEqual([
      { text: 'Login', style: 'mark' },
      { text: ' and ', style: 'dim' },
      { text: 'log', style: 'mark' },
    ]);
  });

  it('cuts and pads by terminal cells, wide characters included', () => {
    expect(truncate('日本語のテキスト', 7)).toBe('日本語…');
    expect(fit('ab', 4)).toBe('ab  ');
    expect(pathTail('/home/alice/code/some/project', 16)).toBe('…/some/project');
  });

  it('wraps segments by words, keeping each word its style', () => {
    const rows = wrapSegments([{ text: 'one two ' }, { text: 'three', style: 'mark' }, { text: ' four' }], 9);
    expect(rows.map((row) => row.map((s) => s.text).join(''))).toEqual(['one two ', 'three ', 'four']);
    expect(rows[1]?.[0]).toEqual({ text: 'three', style: 'mark' });
  });

  it('turns control characters into �, keeping newlines', () => {
    expect(clean('a\x1b[31mb\r\nc\td')).toBe('a�[31mb\nc  d');
  });

  it('sums up a tool call on one line', () => {
    expect(toolSummary({ command: ['bash', '-lc', 'npm test'] })).toBe('$ npm test');
    expect(toolSummary({ file_path: '/src/a.ts', old_string: 'x' })).toBe('/src/a.ts');
    expect(toolSummary({ n: 1 })).toBe('{"n":1}');
  });
});

describe('the search line', () => {
  it('edits like a shell line', () => {
    let state = editState('');
    state = edit(state, 'hello world', key()) ?? state;
    state = edit(state, 'w', key({ ctrl: true })) ?? state;
    expect(state).toEqual({ text: 'hello ', cursor: 6 });
    state = edit(state, '', key({ leftArrow: true })) ?? state;
    state = edit(state, '', key({ backspace: true })) ?? state;
    expect(state).toEqual({ text: 'hell ', cursor: 4 });
    expect(edit(state, '', key({ return: true }))).toBeUndefined();
  });

  it('brings a query back selected: typing replaces it, an arrow keeps it for editing', () => {
    const state = editState('old query');
    expect(edit(state, 'n', key())).toEqual({ text: 'n', cursor: 1 });
    expect(edit(state, '', key({ backspace: true }))).toEqual({ text: '', cursor: 0 });
    expect(edit(state, '', key({ leftArrow: true }))).toEqual({ text: 'old query', cursor: 8 });
  });

  it('splits fast typing at its Enter', () => {
    expect(splitEnter('cookie\r')).toEqual({ text: 'cookie', enter: true });
    expect(splitEnter('cookie')).toEqual({ text: 'cookie', enter: false });
  });
});
