import { appendFile, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SyncReport } from '@convx/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backupArgs,
  listOutputFiles,
  makeWorkspace,
  runCli,
  snapshotMtimes,
  type Workspace,
} from './support/cli.js';
import { type CodexSessionSpec, codexRollout, fakeUuid, writeCodexSession } from './support/codex-fixture.js';
import { expectedBasename } from './support/expected.js';

// One workspace walked through a backup's life: first export, a no-op re-run, a changed source, a deleted one.
// These runs read codex only, so fixtures other sources add never change the counts asserted here.
describe('convx backup over a copy of fixtures/home', () => {
  let ws: Workspace;
  let alpha: CodexSessionSpec;
  let beta: CodexSessionSpec;
  let alphaSource: string;
  let betaSource: string;
  let first: SyncReport;
  const dirOf = (sub: string) => `history/tester/codex/box/${sub}`;

  beforeAll(async () => {
    ws = await makeWorkspace();
    alpha = {
      id: fakeUuid(1),
      startedAt: '2026-03-01T10:00:00.000Z',
      cwd: join(ws.home, 'projects/alpha'),
      turns: [
        {
          prompt: 'Fix the flaky login test',
          answer: 'The test waited on a timer; I made it await the promise.',
        },
      ],
    };
    beta = {
      id: fakeUuid(2),
      startedAt: '2026-03-02T08:30:00.000Z',
      cwd: join(ws.home, 'projects/beta/api'),
      turns: [
        { prompt: 'Add pagination to the users endpoint', answer: 'Added limit and cursor parameters.' },
      ],
    };
    alphaSource = await writeCodexSession(ws.home, alpha);
    betaSource = await writeCodexSession(ws.home, beta);
  });
  afterAll(() => ws.cleanup());

  it('exports every session into history/<user>/codex/<system>/<project>/ with .md and .json twins', async () => {
    const result = await runCli(backupArgs(ws, '--source-system', 'codex', '--json'));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    first = JSON.parse(result.stdout) as SyncReport;
    expect(first.failures).toEqual([]);
    expect(first.sources.codex?.discovered).toBeGreaterThanOrEqual(2);
    // Fixture sessions with no messages at all are skipped, never failed, and the report says why.
    expect(first.totals.new + first.totals.skipped).toBe(first.sources.codex?.discovered);
    expect(first.skipped.length).toBe(first.totals.skipped);
    expect(new Set(first.skipped.map((s) => s.reason))).toEqual(new Set(['empty']));
    expect(first.totals.new).toBeGreaterThanOrEqual(2);
    expect(first.written.every((p) => p.startsWith('history/tester/codex/box/'))).toBe(true);

    const base = expectedBasename(alpha);
    const md = await readFile(join(ws.out, dirOf('projects/alpha'), `${base}.md`), 'utf8');
    expect(md).toContain('Fix the flaky login test');
    expect(md).toContain('I made it await the promise.');
    expect(md).not.toContain('<environment_context>');
    const twin = JSON.parse(await readFile(join(ws.out, dirOf('projects/alpha'), `.${base}.json`), 'utf8'));
    expect(twin.key).toBe(`codex:${alpha.id}`);
    expect(twin.cwd).toBe(alpha.cwd);
    expect(twin.convx).toMatchObject({ user: 'tester', systemName: 'box' });
    const texts = twin.messages.filter((m: { kind: string }) => m.kind === 'text');
    expect(texts.map((m: { role: string; text: string }) => [m.role, m.text])).toEqual([
      ['user', 'Fix the flaky login test'],
      ['assistant', 'The test waited on a timer; I made it await the promise.'],
    ]);
    expect(await stat(join(ws.out, dirOf('projects/beta/api'), `${expectedBasename(beta)}.md`))).toBeTruthy();

    // Every transcript has its twin and the reverse; state is git-ignored.
    const files = await listOutputFiles(ws.out);
    const mds = files.filter((f) => f.endsWith('.md') && !f.includes('/agent-'));
    const twins = files.filter((f) => /\/\.[^/]+\.json$/.test(f));
    expect(mds.length).toBe(first.totals.new);
    expect(twins.map((t) => t.replace(/\/\.([^/]+)\.json$/, '/$1.md')).sort()).toEqual(mds.sort());
    expect(await readFile(join(ws.out, '.convx/.gitignore'), 'utf8')).toContain('state/');
  });

  it('a second run writes nothing', async () => {
    const before = await snapshotMtimes(ws.out);
    const result = await runCli(backupArgs(ws, '--source-system', 'codex', '--json'));
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as SyncReport;
    // Every session is decided without being read: unchanged, or skipped again for the same reason.
    expect(report.totals).toMatchObject({
      new: 0,
      updated: 0,
      failed: 0,
      unchanged: first.totals.new,
      skipped: first.totals.skipped,
    });
    expect(report.skipped).toEqual(first.skipped);
    expect(report.written).toEqual([]);
    expect(await snapshotMtimes(ws.out)).toEqual(before);
  });

  it('re-exports exactly the session whose source changed', async () => {
    const before = await snapshotMtimes(ws.out);
    const more = codexRollout({
      ...alpha,
      turns: [...alpha.turns, { prompt: 'Now run the whole suite', answer: 'All 212 tests pass.' }],
    }).slice(-4);
    await appendFile(alphaSource, `${more.join('\n')}\n`);
    const result = await runCli(backupArgs(ws, '--source-system', 'codex', '--json'));
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as SyncReport;
    expect(report.totals).toMatchObject({
      new: 0,
      updated: 1,
      unchanged: first.totals.new - 1,
      skipped: first.totals.skipped,
    });
    const base = expectedBasename(alpha);
    expect(report.written.sort()).toEqual(
      [`${dirOf('projects/alpha')}/${base}.md`, `${dirOf('projects/alpha')}/.${base}.json`].sort(),
    );
    expect(await readFile(join(ws.out, dirOf('projects/alpha'), `${base}.md`), 'utf8')).toContain(
      'All 212 tests pass.',
    );
    const after = await snapshotMtimes(ws.out);
    const changed = [...after].filter(([path, mtime]) => before.get(path) !== mtime).map(([path]) => path);
    expect(changed.sort()).toEqual([...report.written].sort());
  });

  it('keeps the outputs of a session whose source was deleted', async () => {
    const before = await snapshotMtimes(ws.out);
    await rm(betaSource);
    const result = await runCli(backupArgs(ws, '--source-system', 'codex', '--json'));
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as SyncReport;
    expect(report.sources.codex?.discovered).toBe((first.sources.codex?.discovered ?? 0) - 1);
    expect(report.failures).toEqual([]);
    expect(report.removed).toEqual([]);
    expect(await snapshotMtimes(ws.out)).toEqual(before);
    expect(
      await readFile(join(ws.out, dirOf('projects/beta/api'), `${expectedBasename(beta)}.md`), 'utf8'),
    ).toContain('Add pagination to the users endpoint');
  });

  it('prints a per-source summary table for people', async () => {
    const result = await runCli(backupArgs(ws, '--source-system', 'codex'));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/source\s+discovered\s+new\s+updated\s+unchanged\s+skipped\s+failed/);
    expect(result.stdout).toMatch(/codex\s+\d+\s+0\s+0\s+\d+\s+\d+\s+0/);
    expect(result.stdout).toContain('Nothing changed');
    // Not a terminal: no progress bar escapes on stderr.
    expect(result.stderr).not.toContain('\r');
  });

  it('exports every registered source found in the fixtures into its own layout folder', async () => {
    const result = await runCli(backupArgs(ws, '--json'));
    const report = JSON.parse(result.stdout) as SyncReport;
    // Exit 1 exactly when something is listed as failed.
    expect(result.code).toBe(report.failures.length > 0 ? 1 : 0);
    expect(Object.keys(report.sources)).toContain('codex');
    for (const [source, counts] of Object.entries(report.sources)) {
      const prefix = `history/tester/${source}/box/`;
      if (counts.new === 0) continue;
      expect(report.written.some((p) => p.startsWith(prefix))).toBe(true);
    }
    for (const path of report.written) expect(path).toMatch(/^history\/tester\/[a-z0-9-]+\/box\//);
  });
});
