import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineAdapter, PROBLEMS_FILE, readOpenProblems, runSync, type SyncOptions } from '../src/index.js';
import { type MixedKind, mixedAdapter, mixedRules } from './support/mixed-adapter.js';
import { aliceBackup } from './support/sync-options.js';

let home: string;
let out: string;
const mix = mixedAdapter('mix');
const dir = () => join(home, '.mix');

async function session(id: string, kind: MixedKind, v = 0) {
  await writeFile(join(dir(), `${id}.json`), JSON.stringify({ kind, v }));
}
const run = (overrides: Partial<SyncOptions> = {}) =>
  runSync(aliceBackup(out, home, { adapters: [mix], ...mixedRules, ...overrides }));

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'convx-counts-home-'));
  out = await mkdtemp(join(tmpdir(), 'convx-counts-out-'));
  await mkdir(dir());
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

describe('counts add up', () => {
  it('an entry discovery cannot read, and a discovery that throws, are discovered entries that failed', async () => {
    await session('a', 'ok');
    await session('b', 'ok');
    await writeFile(join(dir(), 'broken.bad'), 'x');
    await writeFile(join(dir(), 'THROW'), '');
    const report = await run();
    expect(report.sources.mix).toEqual({
      discovered: 4,
      new: 2,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      failed: 2,
    });
    expect(report.failures.map((f) => [f.path, f.message])).toEqual([
      [join(dir(), 'broken.bad'), 'not a session file'],
      [dir(), 'discovery failed: the session index is corrupt'],
    ]);
  });

  it('gives every skip its reason, and an unchanged skipped session stays skipped for it', async () => {
    await session('empty', 'empty');
    await session('other', 'elsewhere');
    await session('marked', 'marker');
    await session('skip-gone', 'ok');
    await session('vanishing', 'vanish');
    const first = await run();
    expect(first.sources.mix).toMatchObject({ discovered: 5, skipped: 5, new: 0, unchanged: 0 });
    const reasons = (report: typeof first) =>
      Object.fromEntries(report.skipped.map((s) => [s.key, [s.reason, s.detail]]));
    expect(reasons(first)).toEqual({
      'mix:empty': ['empty', undefined],
      'mix:other': ['not in this repository', undefined],
      'mix:marked': ['skip marker', 'a prompt contains SKIPME'],
      'mix:skip-gone': ['deleted in mix', undefined],
      'mix:vanishing': ['deleted at source', undefined],
    });
    expect(first.failures).toEqual([]);
    // The second run reads nothing, yet counts and explains the same skips (the vanished one is gone).
    const second = await run();
    expect(second.sources.mix).toMatchObject({ discovered: 4, skipped: 4, unchanged: 0 });
    const { 'mix:vanishing': _gone, ...rest } = reasons(first);
    expect(reasons(second)).toEqual(rest);
  });

  it('counts a first write as new, also when an earlier run skipped the session', async () => {
    await session('later', 'empty');
    expect((await run()).sources.mix).toMatchObject({ skipped: 1, new: 0 });
    await session('later', 'ok');
    expect((await run()).sources.mix).toMatchObject({ new: 1, updated: 0, skipped: 0 });
    await session('later', 'ok', 1);
    expect((await run()).sources.mix).toMatchObject({ new: 0, updated: 1 });
    // Withdrawn (its files removed), then exported again: written from nothing, so new again.
    await session('later', 'marker');
    expect((await run()).sources.mix).toMatchObject({ skipped: 1 });
    await session('later', 'ok', 2);
    expect((await run()).sources.mix).toMatchObject({ new: 1, updated: 0 });
  });

  it('tells the project of a failed session when the ref or an earlier export knows it', async () => {
    const hinted = defineAdapter({
      ...mix,
      async *discover(ctx, locations) {
        for await (const ref of await mix.discover(ctx, locations))
          yield ref.sessionId === 'hinted' ? { ...ref, cwd: '/home/alice/code/hint' } : ref;
      },
    });
    await session('known', 'elsewhere');
    await run({ adapters: [hinted] });
    await session('known', 'boom');
    await session('hinted', 'boom');
    await session('unknown', 'boom');
    const report = await run({ adapters: [hinted] });
    expect(Object.fromEntries(report.failures.map((f) => [f.key, f.cwd]))).toEqual({
      'mix:hinted': '/home/alice/code/hint',
      'mix:known': '/home/alice/code/other',
      'mix:unknown': undefined,
    });
  });
});

describe('open warnings and failures', () => {
  it('stay open in the state folder until the session is exported again cleanly or the failure is gone', async () => {
    await session('w1', 'warn');
    await session('w2', 'warn');
    await session('bad', 'boom');
    const first = await run();
    expect(first.warnings.map((w) => w.key)).toEqual(['mix:w1', 'mix:w2']);
    const since = first.startedAt;
    // A later run re-exports nothing, yet both warnings and the failure are still open, with their time.
    const second = await run();
    expect(second.warnings).toEqual([]);
    expect(second.open.warnings.map((w) => [w.key, w.message, w.since])).toEqual([
      ['mix:w1', 'line is not valid JSON; skipped ×1 (first at line 3)', since],
      ['mix:w2', 'line is not valid JSON; skipped ×1 (first at line 3)', since],
    ]);
    expect(second.open.failures.map((f) => [f.key, f.since])).toEqual([['mix:bad', since]]);
    expect(await readOpenProblems(out)).toEqual(second.open);
    expect(JSON.parse(await readFile(join(out, '.convx/state', PROBLEMS_FILE), 'utf8')).version).toBe(1);

    // w1 exported cleanly closes its warning; the fixed session closes the failure.
    await session('w1', 'ok', 1);
    await session('bad', 'ok');
    const third = await run();
    expect(third.open.warnings.map((w) => w.key)).toEqual(['mix:w2']);
    expect(third.open.failures).toEqual([]);
  });

  it('keeps the failures of sources a run did not read, and writes nothing in a dry run', async () => {
    const other = mixedAdapter('mox');
    await mkdir(join(home, '.mox'));
    await writeFile(join(home, '.mox', 'bad.json'), JSON.stringify({ kind: 'boom', v: 0 }));
    await session('bad', 'boom');
    await run({ adapters: [mix, other] });
    await session('bad', 'ok');
    const onlyMix = await run();
    expect(onlyMix.open.failures.map((f) => f.key)).toEqual(['mox:bad']);
    await rm(join(home, '.mox', 'bad.json'));
    await run({ adapters: [mix, other], dryRun: true });
    expect((await readOpenProblems(out)).failures.map((f) => f.key)).toEqual(['mox:bad']);
    expect((await run({ adapters: [mix, other] })).open.failures).toEqual([]);
  });
});
