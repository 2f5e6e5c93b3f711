import type { SessionSummary } from '@convx/search';
import { afterAll, expect, it } from 'vitest';
import { fakeIndex } from './support/fake-index.js';
import { KEY, renderTui, type Screen } from './support/harness.js';

const SESSIONS = 12_000;
const sessions: SessionSummary[] = Array.from({ length: SESSIONS }, (_, i) => {
  const start = new Date(Date.UTC(2026, 10, 30) - i * 3_600_000).toISOString();
  return {
    key: `codex:s${i}`,
    source: i % 3 === 0 ? 'claude' : 'codex',
    sessionId: `s${i}`,
    title: i % 1000 === 500 ? `Session ${i} about the login flow` : `Session ${i}`,
    project: `/home/alice/code/project-${i % 40}`,
    machine: 'laptop',
    user: 'alice',
    models: [],
    branch: null,
    startedAt: start,
    endedAt: start,
    messageCount: 10,
    toolCount: 2,
    path: `history/s${i}.md`,
    twinPath: `history/.s${i}.json`,
  };
});
const index = fakeIndex('/nonexistent', sessions);
let screen: Screen;
afterAll(() => screen.unmount());

it('stays responsive over 12,000 sessions: only the visible pages are read, search runs once per pause', async () => {
  const opened = performance.now();
  screen = renderTui(index);
  await screen.waitFor((t) => t.includes('12,000 sessions, newest first'));
  expect(performance.now() - opened).toBeLessThan(2000);
  // Never asked for more than a page at a time.
  const pages = () => index.calls.filter((c) => c.method === 'listSessions');
  expect(pages().every((c) => (c.options.limit as number) <= 100)).toBe(true);
  expect(pages()).toHaveLength(1);

  const moving = performance.now();
  for (let i = 0; i < 40; i++) await screen.press(KEY.pageDown);
  await screen.waitFor((t) => t.includes('Session 560\n') || /Session 5\d\d /.test(t));
  // 40 pages of 14 rows in under a few seconds, on a shared CI machine: no step reads the whole list.
  expect(performance.now() - moving).toBeLessThan(8000);
  await screen.press('G');
  const last = await screen.waitFor((t) => t.includes('Session 11999'));
  expect(last).toMatch(/Session 11999 *\n─/);
  expect(pages().length).toBeLessThanOrEqual(10);
  expect(pages().every((c) => (c.options.limit as number) <= 100)).toBe(true);

  // Typing a word quickly runs the search once, after the pause.
  const before = index.calls.filter((c) => c.method === 'search').length;
  await screen.press('/');
  for (const char of 'login') await screen.press(char);
  await screen.waitFor((t) => t.includes('12 sessions match login'));
  const searches = index.calls.filter((c) => c.method === 'search').slice(before);
  expect(searches.map((c) => c.query)).toEqual(['login']);
});
