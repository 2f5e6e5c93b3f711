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
      id: 'flaky',
      title: 'Investigate the flaky checkout test',
      messages: [
        m.user('The checkout test is flaky since the payment provider upgrade'),
        m.assistant('It races the webhook.'),
      ],
    },
    { id: 'login', title: 'Login redirect', messages: [m.user('After login the redirect loops forever')] },
    {
      id: 'zh',
      title: '修复登录测试',
      messages: [
        m.user('我们修复了登录测试的问题，现在构建通过了'),
        m.assistant('好的，我已经更新了配置文件。'),
      ],
    },
    { id: 'ja', messages: [m.user('ログイン画面のテストが失敗しています')] },
    { id: 'ko', messages: [m.user('로그인 테스트가 실패합니다')] },
    { id: 'accents', messages: [m.user('Le café est fermé à Genève')] },
  );
  await history.export();
  index = await history.index();
});
afterAll(() => history.cleanup());

describe('typos and parts of words (approximate)', () => {
  it('finds a session despite one misspelt word, marked approximate', () => {
    const result = index.search('flakey checkout');
    expect(result.approximate).toBe(true);
    expect(result.hits.map((h) => h.key)).toEqual(['claude:flaky']);
    expect(result.hits[0]?.snippet).toContain('<mark>flaky</mark>');
  });

  it('finds a transposition and a long word two edits away', () => {
    expect(keys('webohok')).toEqual(['claude:flaky']);
    expect(keys('redricet')).toEqual(['claude:login']);
    expect(index.search('webohok').approximate).toBe(true);
  });

  it('finds a part of a word', () => {
    const result = index.search('ogin');
    expect(result.approximate).toBe(true);
    expect(result.hits.map((h) => h.key)).toEqual(['claude:login']);
    expect(keys('heckou')).toEqual(['claude:flaky']);
  });

  it('does not answer approximately when the exact query finds something', () => {
    expect(index.search('flaky').approximate).toBe(false);
    expect(index.search('zzzzqqqq')).toMatchObject({ hits: [], total: 0, approximate: false });
  });

  it('finds words regardless of accents and case', () => {
    expect(keys('CAFE geneve')).toEqual(['claude:accents']);
    expect(index.search('cafe').hits[0]?.snippet).toContain('<mark>café</mark>');
  });
});

describe('CJK', () => {
  it('finds Chinese words inside unspaced text, exactly', () => {
    const result = index.search('登录');
    expect(result.approximate).toBe(false);
    expect(result.hits.map((h) => h.key)).toEqual(['claude:zh']);
    expect(result.hits[0]?.snippet).toContain('<mark>登录</mark>');
    expect(keys('登录测试')).toEqual(['claude:zh']);
    expect(keys('配置文件')).toEqual(['claude:zh']);
    expect(keys('测登')).toEqual([]);
  });

  it('finds Japanese and Korean', () => {
    expect(keys('テスト')).toEqual(['claude:ja']);
    expect(keys('ログイン')).toEqual(['claude:ja']);
    expect(keys('로그인')).toEqual(['claude:ko']);
    expect(keys('실패')).toEqual(['claude:ko']);
  });

  it('finds a CJK title', () => {
    const [hit] = index.search('修复 role:user').hits;
    expect(hit?.key).toBe('claude:zh');
  });
});
