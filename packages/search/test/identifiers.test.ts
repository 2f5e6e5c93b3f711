import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchIndex } from '../src/index.js';
import { m, TestHistory } from './support/history.js';

const history = new TestHistory();
let index: SearchIndex;
const keys = (query: string) =>
  index
    .search(query)
    .hits.map((h) => h.key)
    .sort();

beforeAll(async () => {
  history.write(
    {
      id: 'code',
      title: 'Refactor the parser',
      messages: [
        m.user('Rename parseQueryString to parse_query and move it to src/query/parse.ts'),
        m.call('Edit', {
          file_path: '/repo/packages/core/src/index-store/store.ts',
          old: 'readIndex',
          new: 'loadIndex',
        }),
        m.output('Updated config.search.maxResults and HTTPServerError in lib/http_client.py'),
      ],
    },
    {
      id: 'prose',
      title: 'Notes',
      messages: [m.user('We should parse the query string before we store the index.')],
    },
  );
  await history.export();
  index = await history.index();
});
afterAll(() => history.cleanup());

describe('identifiers are found whole and by their parts', () => {
  it('camelCase', () => {
    expect(keys('parseQueryString')).toEqual(['claude:code']);
    expect(keys('"query string"')).toEqual(['claude:code', 'claude:prose']);
    expect(keys('maxResults')).toEqual(['claude:code']);
    expect(keys('results')).toEqual(['claude:code']);
    expect(keys('HTTPServerError')).toEqual(['claude:code']);
    expect(keys('server error')).toEqual(['claude:code']);
  });

  it('snake_case', () => {
    expect(keys('parse_query')).toEqual(['claude:code']);
    expect(keys('http_client')).toEqual(['claude:code']);
    expect(keys('client')).toEqual(['claude:code']);
  });

  it('dotted names and file paths', () => {
    expect(keys('config.search.maxResults')).toEqual(['claude:code']);
    expect(keys('src/query/parse.ts')).toEqual(['claude:code']);
    expect(keys('index-store/store.ts')).toEqual(['claude:code']);
    expect(keys('store.ts')).toEqual(['claude:code']);
    expect(keys('http_client.py')).toEqual(['claude:code']);
    expect(keys('loadIndex')).toEqual(['claude:code']);
  });

  it('marks the identifier in the snippet', () => {
    const [hit] = index.search('parse_query').hits;
    expect(hit?.snippet).toContain('<mark>parse_query</mark>');
    const [part] = index.search('maxResults').hits;
    expect(part?.snippet).toContain('<mark>maxResults</mark>');
  });
});
