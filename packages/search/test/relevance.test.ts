import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchIndex } from '../src/index.js';
import { m, TestHistory } from './support/history.js';

const history = new TestHistory();
let index: SearchIndex;

beforeAll(async () => {
  history.write(
    {
      id: 'flaky-login',
      title: 'Fix the flaky login test',
      startedAt: '2026-03-02T09:00:00.000Z',
      messages: [
        m.user('The login test fails about one run in five on CI. Can you find out why it is flaky?'),
        m.assistant(
          'The test waits a fixed 200 ms before it checks the redirect; on a slow runner the login request takes longer. I will replace the sleep with waitFor.',
        ),
        m.call('Bash', { command: 'npm test -- login.spec.ts' }),
        m.output('PASS test/login.spec.ts\n  ✓ redirects after login (812 ms)'),
      ],
    },
    {
      id: 'spread-thin',
      title: 'Nightly CI report',
      startedAt: '2026-03-05T09:00:00.000Z',
      messages: [
        m.user('Summarize last night'),
        m.call('Bash', { command: 'cat ci.log' }),
        m.output('job 1: flaky\njob 2: ok\njob 3: login ok\njob 4: test ok\n'.repeat(40)),
      ],
    },
    {
      id: 'login-page',
      title: 'Style the login page',
      startedAt: '2026-03-03T09:00:00.000Z',
      messages: [m.user('Make the login button blue'), m.assistant('Done: it uses the primary colour now.')],
    },
    {
      id: 'flaky-network',
      title: 'Retry calls on bad networks',
      startedAt: '2026-03-04T09:00:00.000Z',
      messages: [
        m.user('Our API client is flaky on mobile networks; add retries'),
        m.assistant('Added exponential backoff with three retries.'),
      ],
    },
    {
      id: 'pipeline-title',
      title: 'Deploy pipeline broken after the upgrade',
      startedAt: '2026-02-01T09:00:00.000Z',
      messages: [
        m.user('It stopped after we moved to Node 24'),
        m.assistant('The cache key changed; fixed it.'),
      ],
    },
    {
      // Long enough for several full-text chunks, each holding the words.
      id: 'long-login',
      title: 'A long day',
      startedAt: '2026-01-15T09:00:00.000Z',
      messages: Array.from({ length: 12 }, (_, i) =>
        m.output(`step ${i}: the login form ${'and some filler words '.repeat(400)}`),
      ),
    },
    {
      // Several chunks, with a word only in a late one: found there when nothing ranks (sort: newest).
      id: 'late-words-a',
      title: 'Long session A',
      startedAt: '2026-01-10T09:00:00.000Z',
      messages: Array.from({ length: 12 }, (_, i) =>
        m.output(`${i === 10 ? 'zephyr ' : i === 6 ? 'quokka ' : ''}${'more filler text here '.repeat(400)}`),
      ),
    },
    {
      id: 'late-words-b',
      title: 'Long session B',
      startedAt: '2026-01-11T09:00:00.000Z',
      messages: Array.from({ length: 12 }, (_, i) =>
        m.output(`${i === 9 ? 'zephyr ' : ''}${'more filler text here '.repeat(400)}`),
      ),
    },
    {
      id: 'pipeline-output',
      title: 'Update dependencies',
      startedAt: '2026-03-06T09:00:00.000Z',
      messages: [
        m.user('bump the deps'),
        m.call('Bash', { command: 'npm outdated' }),
        m.output('Package  Current  Wanted\nwebpack  5.1  5.9\n(the deploy pipeline reads .nvmrc)'),
      ],
    },
  );
  await history.export();
  index = await history.index();
});
afterAll(() => history.cleanup());

describe('relevance', () => {
  it('ranks the session holding all the words (close together, in a prompt and the title) first', () => {
    const result = index.search('flaky login test');
    expect(result.hits.map((h) => h.key)).toEqual(['claude:flaky-login', 'claude:spread-thin']);
    expect(result.total).toBe(2);
    expect(result.approximate).toBe(false);
    expect(result.hits[0]?.score).toBeGreaterThan(result.hits[1]?.score ?? 0);
  });

  it('requires every word, in any message of the session', () => {
    expect(index.search('flaky retries').hits.map((h) => h.key)).toEqual(['claude:flaky-network']);
    expect(index.search('flaky blue').hits).toEqual([]);
  });

  it('ranks a title match above a tool-output match', () => {
    const keys = index.search('pipeline').hits.map((h) => h.key);
    expect(keys).toEqual(['claude:pipeline-title', 'claude:pipeline-output']);
  });

  it('leaves tool output out of matching with toolOutput: false', () => {
    expect(index.search('pipeline', { toolOutput: false }).hits.map((h) => h.key)).toEqual([
      'claude:pipeline-title',
    ]);
    expect(index.search('webpack', { toolOutput: false }).hits).toEqual([]);
    expect(index.search('webpack').hits.map((h) => h.key)).toEqual(['claude:pipeline-output']);
  });

  it('matches only one role with role: (in the query or as an option)', () => {
    expect(index.search('retries role:user').hits.map((h) => h.key)).toEqual(['claude:flaky-network']);
    expect(index.search('backoff role:user').hits).toEqual([]);
    expect(index.search('backoff', { role: 'assistant' }).hits.map((h) => h.key)).toEqual([
      'claude:flaky-network',
    ]);
  });

  it('sorts newest first with sort: newest, score 0', () => {
    const hits = index.search('login', { sort: 'newest' }).hits;
    expect(hits.map((h) => h.key)).toEqual([
      'claude:spread-thin',
      'claude:login-page',
      'claude:flaky-login',
      'claude:long-login',
    ]);
    expect(hits.every((h) => h.score === 0)).toBe(true);
  });

  it('finds the matching message in a later chunk of sessions it does not rank', () => {
    // Two such sessions on the page (read in one pass over the matches), then one alone (a seek).
    const both = index.search('zephyr', { sort: 'newest' }).hits;
    expect(both.map((h) => [h.key, h.messageIndex])).toEqual([
      ['claude:late-words-b', 9],
      ['claude:late-words-a', 10],
    ]);
    expect(both.every((h) => h.snippet.includes('<mark>zephyr</mark>'))).toBe(true);
    const [alone] = index.search('quokka', { sort: 'newest' }).hits;
    expect(alone).toMatchObject({ key: 'claude:late-words-a', messageIndex: 6 });
    expect(alone?.snippet).toContain('<mark>quokka</mark>');
  });

  it('gives each hit its best message, a marked snippet and the Markdown path', () => {
    const [hit] = index.search('redirect waitFor').hits;
    expect(hit).toBeDefined();
    if (!hit) return;
    expect(hit.messageIndex).toBe(1);
    const twin = hit.path.replace(/([^/]+)\.md$/, '.$1.json');
    const message = JSON.parse(readFileSync(join(history.outputRoot, twin), 'utf8')).messages[
      hit.messageIndex
    ];
    expect(message.text).toContain('waitFor');
    expect(hit.snippet).toContain('<mark>redirect</mark>');
    expect(hit.snippet).toContain('<mark>waitFor</mark>');
    expect(existsSync(join(history.outputRoot, hit.path))).toBe(true);
    expect(hit.path).toMatch(
      /^history\/alice\/claude\/laptop\/code\/app\/2026-03-02-0900-fix-the-flaky-login-test\.md$/,
    );
    expect(hit).toMatchObject({
      source: 'claude',
      title: 'Fix the flaky login test',
      project: '/home/alice/code/app',
      machine: 'laptop',
      user: 'alice',
      startedAt: '2026-03-02T09:00:00.000Z',
    });
  });

  it('pages with limit and offset, keeping the total', () => {
    const all = index.search('login').hits.map((h) => h.key);
    const page = index.search('login', { limit: 1, offset: 1 });
    expect(page.total).toBe(4);
    expect(page.hits.map((h) => h.key)).toEqual([all[1]]);
    expect(index.search('login', { offset: 10 })).toMatchObject({ hits: [], total: 4 });
    expect(index.search('login', { sort: 'newest' }).total).toBe(4);
    expect(index.search('login form').total).toBe(1);
    expect(index.search('"login form"', { offset: 5 }).total).toBe(1);
    expect(index.getSession('claude:long-login')).toBeDefined();
  });

  it('lists sessions newest first when the query is only filters (or empty)', () => {
    const result = index.search('');
    expect(result.total).toBe(9);
    expect(result.hits[0]?.key).toBe('claude:pipeline-output');
    expect(result.hits[0]?.messageIndex).toBe(-1);
  });
});
