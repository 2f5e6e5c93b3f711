import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutputStats } from '../src/stats/aggregate.js';
import { gitInit, makeWorkspace, runCli, type Workspace } from './support/cli.js';
import { fakeUuid, writeCodexSession } from './support/codex-fixture.js';

describe('convx stats', () => {
  let ws: Workspace;
  let laptop: string;
  let desktop: string;
  beforeAll(async () => {
    ws = await makeWorkspace({ copyFixtures: false });
    laptop = join(ws.root, 'laptop-home');
    desktop = join(ws.root, 'desktop-home');
    await writeCodexSession(laptop, {
      id: fakeUuid(501),
      startedAt: '2026-02-01T09:00:00.000Z',
      cwd: join(laptop, 'code/shop'),
      turns: [
        { prompt: 'Add a cart total', answer: 'Done.' },
        { prompt: 'Round to cents', answer: 'Rounded.' },
      ],
    });
    await writeCodexSession(laptop, {
      id: fakeUuid(502),
      startedAt: '2026-02-03T09:00:00.000Z',
      cwd: join(laptop, 'code/shop'),
      turns: [{ prompt: 'Write the checkout page', answer: 'Written.' }],
    });
    await writeCodexSession(desktop, {
      id: fakeUuid(503),
      startedAt: '2026-02-10T15:00:00.000Z',
      cwd: join(desktop, 'code/blog'),
      turns: [{ prompt: 'Draft a post about caching', answer: 'Drafted.' }],
    });
    const run = (home: string, user: string, system: string) =>
      runCli([
        'backup',
        '--output-path',
        ws.out,
        '--home',
        home,
        '--user',
        user,
        '--system-name',
        system,
        '--quiet',
      ]);
    expect((await run(laptop, 'alice', 'laptop')).code).toBe(0);
    expect((await run(desktop, 'bob', 'desktop')).code).toBe(0);
  });
  afterAll(() => ws.cleanup());

  it('groups sessions by source, user, machine and project', async () => {
    const result = await runCli(['stats', '--output-path', ws.out, '--json']);
    expect(result.code).toBe(0);
    const stats = JSON.parse(result.stdout) as OutputStats;
    expect(stats.sessions).toBe(3);
    const messagesOf = (name: string, groups: OutputStats['bySource']) => groups.find((g) => g.name === name);
    expect(stats.bySource.map((g) => [g.name, g.sessions])).toEqual([['codex', 3]]);
    expect(stats.byUser.map((g) => [g.name, g.sessions])).toEqual([
      ['alice', 2],
      ['bob', 1],
    ]);
    expect(stats.bySystem.map((g) => [g.name, g.sessions])).toEqual([
      ['laptop', 2],
      ['desktop', 1],
    ]);
    expect(stats.byProject.map((g) => [g.name, g.sessions])).toEqual([
      [join(laptop, 'code/shop'), 2],
      [join(desktop, 'code/blog'), 1],
    ]);
    expect(stats.first).toBe('2026-02-01T09:00:00.000Z');
    expect(stats.last?.startsWith('2026-02-10T15:')).toBe(true);
    expect(stats.messages).toBe(stats.bySource[0]?.messages);
    expect(messagesOf('alice', stats.byUser)?.messages ?? 0).toBeGreaterThan(
      messagesOf('bob', stats.byUser)?.messages ?? 0,
    );
    expect(stats.lastRun?.totals).toMatchObject({ new: 1, failed: 0 });

    const human = await runCli(['stats', '--output-path', ws.out]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^3 sessions, \d+ messages, 2026-02-01 → 2026-02-10/);
    expect(human.stdout).toMatch(/By user\n\s+user\s+sessions\s+messages\s+first\s+last\n\s+alice\s+2/);
    expect(human.stdout).toContain('Last run:');
  });

  it('rebuilds from the JSON twins when the state folder is gone', async () => {
    await rm(join(ws.out, '.convx/state'), { recursive: true, force: true });
    const stats = JSON.parse(
      (await runCli(['stats', '--output-path', ws.out, '--json'])).stdout,
    ) as OutputStats;
    expect(stats.sessions).toBe(3);
    expect(stats.byUser.map((g) => g.name)).toEqual(['alice', 'bob']);
    expect(stats.lastRun).toBeUndefined();
  });

  it('says when an output is empty, and errors on a missing one', async () => {
    const empty = join(ws.root, 'empty');
    await gitInit(empty);
    const result = await runCli(['stats', '--output-path', empty]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No sessions exported');
    const missing = await runCli(['stats', '--output-path', join(ws.root, 'nowhere')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does not exist');
  });
});
