import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchIndex } from '../src/index.js';
import { m, TestHistory } from './support/history.js';

const history = new TestHistory();
let index: SearchIndex;

beforeAll(async () => {
  history.write(
    {
      id: 'html',
      title: 'Escape <script> tags',
      messages: [
        m.user(`Why does <script>alert("pwned")</script> & 'quotes' run in the preview?`),
        m.assistant('Because the preview sets innerHTML; use textContent.'),
      ],
    },
    {
      id: 'sql',
      title: 'Drop a table safely',
      messages: [
        m.user('My migration ran `DROP TABLE users; --` and everything is gone'),
        m.assistant('Restore from the backup: SELECT * FROM users_backup WHERE id > 0 AND NOT deleted'),
      ],
    },
    {
      id: 'emoji',
      title: 'Ship it 🚀',
      messages: [m.user('Deploy 🚀 the release when CI is ✅ green')],
    },
    {
      id: 'operators',
      title: 'Search syntax',
      messages: [m.user('Is NEAR(a b) or col:value or a* or -x or ^start special?')],
    },
  );
  await history.export();
  index = await history.index();
});
afterAll(() => history.cleanup());

const HOSTILE = [
  '"',
  '""',
  '"unclosed phrase',
  '*',
  '**',
  '-',
  '--',
  '-"',
  ':',
  '::',
  'a:',
  ':b',
  'OR',
  'OR OR',
  'AND',
  'NOT',
  'a AND b',
  '(',
  ')',
  '(a OR b',
  'NEAR(a b)',
  '^start',
  '{col}: x',
  'col:value',
  "'; DROP TABLE sessions; --",
  'SELECT * FROM fts WHERE 1=1',
  '\\',
  '%_',
  '🚀',
  '👍🏽 ✅',
  '\u0000',
  'a'.repeat(5000),
  `${'x'.repeat(3)}${' '.repeat(100)}"`,
  'http://localhost:3000/api?q=1&b=2',
  'TODO: fix',
  'std::vector<int>',
  'C:\\Users\\alice\\app',
  '~/code/app',
  '$(rm -rf /)',
];

describe('ordinary input never breaks a query', () => {
  it.each(HOSTILE)('%j', (query) => {
    const result = index.search(query);
    expect(Array.isArray(result.hits)).toBe(true);
    expect(result.total).toBeGreaterThanOrEqual(0);
  });

  it('finds SQL-looking text as text', () => {
    expect(index.search('DROP TABLE users; --').hits.map((h) => h.key)).toEqual(['claude:sql']);
    expect(index.search("'; DROP TABLE sessions; --").hits).toEqual([]);
    expect(index.search('SELECT * FROM users_backup').hits.map((h) => h.key)).toEqual(['claude:sql']);
    expect(index.search('"AND NOT deleted"').hits.map((h) => h.key)).toEqual(['claude:sql']);
  });

  it('treats FTS5 operators in the input as words', () => {
    expect(index.search('NEAR(a b)').hits.map((h) => h.key)).toEqual(['claude:operators']);
    expect(index.search('col:value').hits.map((h) => h.key)).toEqual(['claude:operators']);
    expect(index.search('^start').hits.map((h) => h.key)).toEqual(['claude:operators']);
  });

  it('excludes with -word and -"phrase", joins with OR, matches prefixes', () => {
    expect(index.search('preview -textContent').hits).toEqual([]);
    expect(index.search('preview -"use textcontent"').hits).toEqual([]);
    expect(index.search('preview -banana').hits.map((h) => h.key)).toEqual(['claude:html']);
    expect(
      index
        .search('innerHTML OR migration')
        .hits.map((h) => h.key)
        .sort(),
    ).toEqual(['claude:html', 'claude:sql']);
    expect(index.search('migra*').hits.map((h) => h.key)).toEqual(['claude:sql']);
  });

  it('finds text next to emoji', () => {
    expect(index.search('deploy 🚀').hits.map((h) => h.key)).toEqual(['claude:emoji']);
    expect(index.search('green ✅').hits.map((h) => h.key)).toEqual(['claude:emoji']);
  });

  it('HTML-escapes snippets, marking only the matched words', () => {
    const [hit] = index.search('alert pwned').hits;
    expect(hit?.snippet).toBe(
      'Why does &lt;script&gt;<mark>alert</mark>(&quot;<mark>pwned</mark>&quot;)&lt;/script&gt; &amp; &#39;quotes&#39; run in the preview?',
    );
    expect(hit?.snippet).not.toMatch(/<(?!\/?mark>)/);
  });

  it('marks a title match in an escaped title when no message matched', () => {
    const [hit] = index.search('script tags role:assistant').hits;
    expect(hit).toBeUndefined();
    const [titleHit] = index.search('tags').hits;
    expect(titleHit?.messageIndex).toBe(-1);
    expect(titleHit?.snippet).toBe('Escape &lt;script&gt; <mark>tags</mark>');
  });
});
