import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchIndex } from '../src/index.js';
import { m, TestHistory } from './support/history.js';

const history = new TestHistory();
let index: SearchIndex;

beforeAll(async () => {
  const turns = (n: number) =>
    Array.from({ length: n }, (_, i) => (i % 2 ? m.assistant(`answer ${i}`) : m.user(`question ${i}`)));
  history.write(
    {
      id: 'mon',
      source: 'claude',
      startedAt: '2026-03-02T09:30:00.000Z',
      cwd: '/home/alice/code/api',
      messages: [...turns(3), m.call('Bash', { command: 'ls' }), m.call('Bash', { command: 'pwd' })],
    },
    {
      id: 'tue',
      source: 'codex',
      startedAt: '2026-03-03T22:15:00.000Z',
      cwd: '/home/alice/code/api',
      models: ['gpt-5-codex'],
      messages: [...turns(30), m.call('shell', { command: ['ls'] })],
    },
    {
      id: 'none',
      source: 'codex',
      startedAt: '2026-03-03T23:00:00.000Z',
      cwd: '/home/alice/web',
      models: ['gpt-5-codex'],
      messages: turns(8),
      children: [
        {
          id: 'sub',
          messages: [m.call('Read', { file_path: '/x' }), m.assistant('subagent findings about tokens')],
        },
      ],
    },
  );
  await history.export();
  index = await history.index();
});
afterAll(() => history.cleanup());

describe('listing, facets and stats', () => {
  it('lists sessions newest or oldest first, with summaries', () => {
    const page = index.listSessions({ limit: 2 });
    expect(page.total).toBe(3);
    expect(page.sessions.map((s) => s.key)).toEqual(['codex:none', 'codex:tue']);
    expect(index.listSessions({ sort: 'oldest', limit: 1, offset: 1 }).sessions.map((s) => s.key)).toEqual([
      'codex:tue',
    ]);
    expect(index.listSessions({ source: ['claude'] }).sessions.map((s) => s.key)).toEqual(['claude:mon']);
    const [mon] = index.listSessions({ source: ['claude'] }).sessions;
    expect(mon).toMatchObject({
      key: 'claude:mon',
      source: 'claude',
      sessionId: 'mon',
      project: '/home/alice/code/api',
      machine: 'laptop',
      user: 'alice',
      models: ['claude-opus-4-1'],
      branch: null,
      startedAt: '2026-03-02T09:30:00.000Z',
      messageCount: 5,
      toolCount: 2,
    });
    expect(mon?.path).toMatch(/^history\/alice\/claude\/laptop\/code\/api\/2026-03-02-0930-question-0\.md$/);
    expect(mon?.twinPath).toMatch(/\/\.2026-03-02-0930-question-0\.json$/);
  });

  it('gets a session by key', () => {
    expect(index.getSession('codex:tue')?.messageCount).toBe(31);
    expect(index.getSession('codex:nope')).toBeUndefined();
  });

  it('searches subagents with their parent (message -1)', () => {
    const [hit] = index.search('subagent findings').hits;
    expect(hit).toMatchObject({ key: 'codex:none', messageIndex: -1 });
    expect(hit?.snippet).toContain('<mark>subagent</mark> <mark>findings</mark>');
    expect(index.getSession('codex:none')?.toolCount).toBe(1);
  });

  it('counts facets among the filtered sessions', () => {
    expect(index.facets()).toEqual({
      source: [
        { value: 'codex', count: 2 },
        { value: 'claude', count: 1 },
      ],
      project: [
        { value: '/home/alice/code/api', count: 2 },
        { value: '/home/alice/web', count: 1 },
      ],
      machine: [{ value: 'laptop', count: 3 }],
      user: [{ value: 'alice', count: 3 }],
      model: [
        { value: 'gpt-5-codex', count: 2 },
        { value: 'claude-opus-4-1', count: 1 },
      ],
      tool: [
        { value: 'Bash', count: 1 },
        { value: 'Read', count: 1 },
        { value: 'shell', count: 1 },
      ],
    });
    expect(index.facets({ project: 'web' }).source).toEqual([{ value: 'codex', count: 1 }]);
  });

  it('summarizes activity by day, hour of the week, projects, models, tools and lengths', () => {
    const stats = index.stats({ utcOffsetMinutes: 120 });
    expect(stats).toMatchObject({
      sessions: 3,
      messages: 5 + 31 + 8,
      first: '2026-03-02T09:30:00.000Z',
      last: '2026-03-03T23:00:00.000Z',
    });
    // +02:00 moves Tuesday 22:15 and 23:00 UTC to Wednesday 00:15 and 01:00.
    expect(stats.byDay).toEqual([
      { day: '2026-03-02', source: 'claude', sessions: 1, messages: 5 },
      { day: '2026-03-04', source: 'codex', sessions: 2, messages: 39 },
    ]);
    expect(stats.byHourOfWeek).toEqual([
      { weekday: 0, hour: 11, sessions: 1 },
      { weekday: 2, hour: 0, sessions: 1 },
      { weekday: 2, hour: 1, sessions: 1 },
    ]);
    expect(stats.tools).toEqual([
      { value: 'Bash', count: 2 },
      { value: 'Read', count: 1 },
      { value: 'shell', count: 1 },
    ]);
    expect(stats.lengths).toEqual([
      { bucket: '1-5', count: 1 },
      { bucket: '6-20', count: 1 },
      { bucket: '21-50', count: 1 },
      { bucket: '51-200', count: 0 },
      { bucket: '201+', count: 0 },
    ]);
    expect(index.stats({ source: ['claude'] }).sessions).toBe(1);
  });
});
