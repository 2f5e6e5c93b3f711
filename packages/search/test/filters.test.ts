import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryError, type SearchIndex } from '../src/index.js';
import { m, TestHistory } from './support/history.js';

const history = new TestHistory();
let index: SearchIndex;
const keys = (query: string, options = {}) =>
  index
    .search(query, options)
    .hits.map((h) => h.key)
    .sort();

beforeAll(async () => {
  const work = (text: string) => [m.user(`cache ${text}`), m.call('Bash', { command: 'ls' }), m.output('ok')];
  history.write(
    {
      id: 'a',
      source: 'claude',
      cwd: '/home/alice/code/api',
      startedAt: '2026-01-10T08:00:00.000Z',
      branch: 'main',
      models: ['claude-opus-4-1'],
      messages: work('alpha'),
    },
    {
      id: 'b',
      source: 'codex',
      cwd: '/home/alice/code/api-gateway',
      startedAt: '2026-02-10T23:30:00.000Z',
      branch: 'feature/x',
      models: ['gpt-5-codex'],
      messages: [m.user('cache beta'), m.call('apply_patch', { patch: '*** Begin Patch' })],
    },
    {
      id: 'c',
      source: 'gemini',
      cwd: '/home/alice/web',
      startedAt: '2026-03-01T00:00:00.000Z',
      models: ['gemini-2.5-pro', 'claude-sonnet-4'],
      messages: work('gamma'),
    },
  );
  await history.export();
  // One more, exported on another machine by another user into the same output.
  history.write({
    id: 'd',
    source: 'claude',
    cwd: '/home/bob/code/api',
    startedAt: '2026-03-05T12:00:00.000Z',
    messages: work('delta'),
  });
  history.forget('a');
  history.forget('c', 'gemini');
  history.forget('b', 'codex');
  await history.export({ user: 'bob', systemName: 'desktop' });
  index = await history.index();
});
afterAll(() => history.cleanup());

describe('filters', () => {
  it('source (a list), in the query and as an option', () => {
    expect(keys('cache source:codex')).toEqual(['codex:b']);
    expect(keys('cache source:codex,gemini')).toEqual(['codex:b', 'gemini:c']);
    expect(keys('cache', { source: ['claude'] })).toEqual(['claude:a', 'claude:d']);
    expect(keys('cache source:CLAUDE')).toEqual(['claude:a', 'claude:d']);
  });

  it('project: a path prefix or any part of it', () => {
    expect(keys('cache project:/home/alice/code/api')).toEqual(['claude:a', 'codex:b']);
    expect(keys('cache project:gateway')).toEqual(['codex:b']);
    expect(keys('cache', { project: 'web' })).toEqual(['gemini:c']);
    expect(keys('cache project:"code/api"')).toEqual(['claude:a', 'claude:d', 'codex:b']);
  });

  it('machine and user', () => {
    expect(keys('cache machine:desktop')).toEqual(['claude:d']);
    expect(keys('cache user:alice')).toEqual(['claude:a', 'codex:b', 'gemini:c']);
    expect(keys('cache', { user: ['bob'], machine: ['desktop'] })).toEqual(['claude:d']);
  });

  it('model: any part of a model name', () => {
    expect(keys('cache model:opus')).toEqual(['claude:a', 'claude:d']);
    expect(keys('cache model:sonnet')).toEqual(['gemini:c']);
    expect(keys('cache model:gpt')).toEqual(['codex:b']);
  });

  it('tool: sessions that called it', () => {
    expect(keys('cache tool:apply_patch')).toEqual(['codex:b']);
    expect(keys('cache tool:bash')).toEqual(['claude:a', 'claude:d', 'gemini:c']);
  });

  it('branch', () => {
    expect(keys('cache branch:main')).toEqual(['claude:a']);
    expect(keys('cache branch:feature/x')).toEqual(['codex:b']);
  });

  it('after/before (and since/until): the start, inclusive, and the end of the named day, exclusive', () => {
    expect(keys('cache after:2026-02-10')).toEqual(['claude:d', 'codex:b', 'gemini:c']);
    expect(keys('cache before:2026-02-10')).toEqual(['claude:a', 'codex:b']);
    expect(keys('cache since:2026-02-11 until:2026-03-01')).toEqual(['gemini:c']);
    expect(keys('cache', { since: '2026-01-10T08:00:00Z', until: '2026-01-10T08:00:01Z' })).toEqual([
      'claude:a',
    ]);
  });

  it('filters alone list the matching sessions', () => {
    expect(keys('source:claude')).toEqual(['claude:a', 'claude:d']);
    expect(index.search('before:2026-02-01').total).toBe(1);
  });

  it('query and option filters both apply', () => {
    expect(keys('cache source:claude', { user: ['alice'] })).toEqual(['claude:a']);
    expect(keys('cache source:codex', { source: ['claude'] })).toEqual([]);
  });

  it('an unknown filter is a QueryError naming it (and suggesting the right one)', () => {
    expect(() => index.search('cache sorce:claude')).toThrow(QueryError);
    expect(() => index.search('cache sorce:claude')).toThrow(
      /Unknown filter "sorce:"; did you mean "source:"\?/,
    );
    expect(() => index.search('cache cwd:/home/alice')).toThrow(/did you mean "project:"/);
    try {
      index.search('cache date:2026-01-01');
    } catch (error) {
      expect(error).toBeInstanceOf(QueryError);
      expect((error as QueryError).code).toBe('UNKNOWN_FILTER');
      expect((error as QueryError).message).toMatch(/did you mean "after:"/);
    }
  });

  it('a bad filter value is a QueryError', () => {
    expect(() => index.search('cache after:yesterday')).toThrow(/"yesterday" is not a date for after:/);
    expect(() => index.search('cache after:2026-02-30')).toThrow(QueryError);
    expect(() => index.search('cache role:robot')).toThrow(/role:user or role:assistant/);
    expect(() => index.search('cache', { since: 'soon' })).toThrow(QueryError);
    expect(() => index.search('source:')).toThrow(/needs a value/);
  });
});
