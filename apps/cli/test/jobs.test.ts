import { join } from 'node:path';
import { readIndex, type SyncReport } from '@convx/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backupArgs,
  gitInit,
  listOutputFiles,
  makeWorkspace,
  runCli,
  snapshotContents,
  snapshotMtimes,
  type Workspace,
} from './support/cli.js';

// Worker threads only move where sessions are loaded and rendered: the output must be the same bytes, names
// and index as exporting everything on the main thread.
describe('convx backup --jobs', () => {
  let ws: Workspace;
  let threaded: string;
  let report: SyncReport;

  beforeAll(async () => {
    ws = await makeWorkspace();
    threaded = join(ws.root, 'threaded');
    await gitInit(threaded);
  });
  afterAll(() => ws.cleanup());

  it('writes exactly what a single-thread run writes, for every source in fixtures/', async () => {
    const single = await runCli(backupArgs(ws, '--jobs', '0', '--json'));
    const many = await runCli(backupArgs({ ...ws, out: threaded }, '--jobs', '3', '--json'));
    expect(many.stderr).toBe('');
    // Threads really ran (a dry run over the same output, forced so that every session is prepared).
    const verbose = await runCli(backupArgs(ws, '--jobs', '3', '--force', '--dry-run', '--verbose'));
    expect(verbose.stderr).toContain('exporting in 3 worker thread(s) and the main thread');
    // fixtures/ holds deliberately broken stores: both runs report the same failures, with the same code.
    expect(many.code).toBe(single.code);
    report = JSON.parse(many.stdout) as SyncReport;
    const reference = JSON.parse(single.stdout) as SyncReport;
    expect(report.totals).toEqual(reference.totals);
    expect(report.totals.new).toBeGreaterThan(20);
    expect(report.failures).toEqual(reference.failures);
    expect(report.warnings).toEqual(reference.warnings);
    expect(report.written).toEqual(reference.written);
    const files = await listOutputFiles(ws.out);
    expect(await listOutputFiles(threaded)).toEqual(files);
    expect(await snapshotContents(threaded)).toEqual(await snapshotContents(ws.out));
    // Every source's sessions are there (the threads rebuilt every adapter from the same flags).
    for (const source of ['codex', 'claude', 'cursor', 'gemini'])
      expect(files.some((f) => f.startsWith(`history/tester/${source}/`))).toBe(true);
    const index = async (root: string) => (await readIndex(root)).sessions;
    expect(Object.keys(await index(threaded)).sort()).toEqual(Object.keys(await index(ws.out)).sort());
  });

  it('then has nothing to do, and writes nothing', async () => {
    const before = await snapshotMtimes(threaded);
    const again = await runCli(backupArgs({ ...ws, out: threaded }, '--jobs', '2', '--json'));
    expect(again.stderr).toBe('');
    const second = JSON.parse(again.stdout) as SyncReport;
    expect(second.written).toEqual([]);
    expect(second.totals).toMatchObject({ new: 0, updated: 0, failed: report.totals.failed });
    expect(second.totals.unchanged).toBeGreaterThanOrEqual(report.totals.new);
    expect(await snapshotMtimes(threaded)).toEqual(before);
  });

  it('re-renders everything with --force in threads, changing no bytes', async () => {
    const before = await snapshotContents(threaded);
    const forced = await runCli(backupArgs({ ...ws, out: threaded }, '--jobs', '2', '--force', '--json'));
    expect(forced.stderr).toBe('');
    expect((JSON.parse(forced.stdout) as SyncReport).written).toEqual([]);
    expect(await snapshotContents(threaded)).toEqual(before);
    expect(await listOutputFiles(join(threaded, '.convx/state/tmp'))).toEqual([]);
  });

  it('refuses a --max-line-mb that is not a whole number of megabytes, in one sentence', async () => {
    for (const value of ['0', 'big', '1.5', '2000']) {
      const result = await runCli(backupArgs(ws, '--max-line-mb', value));
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toBe(
        `convx: --max-line-mb takes a whole number of megabytes from 1 to 1024, not "${value}".`,
      );
    }
  });

  it('refuses a --jobs that is not a small whole number, in one sentence', async () => {
    for (const value of ['two', '1.5', '65']) {
      const result = await runCli(backupArgs(ws, '--jobs', value));
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toBe(
        `convx: --jobs takes a number of worker threads from 0 to 64, not "${value}".`,
      );
    }
  });
});
