import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { globby } from 'globby';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// Worker threads start from the built engine (dist/engine/prepare/threads/worker-entry.js), so these tests run it too.
import { type RunSpec, resolveRunSpec, runSync, type SyncOptions, type WorkerPlan } from '../dist/index.js';

const planModule = new URL('./support/worker-run.mjs', import.meta.url).href;
let home: string;
let out: string;

async function session(id: string, ...lines: object[]) {
  await writeFile(join(home, '.fake', `${id}.jsonl`), lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
}

/** The run's plugins as data: the fake adapter (with `data`), the plain renderer, the backup layout. */
function specOf(data: Record<string, string> = {}): RunSpec {
  return {
    adapters: [{ module: planModule, export: 'createFakeAdapter', options: data }],
    renderer: { module: planModule, export: 'plainRenderer' },
    layout: {
      module: new URL('../dist/index.js', import.meta.url).href,
      export: 'backupLayout',
      options: { user: 'alice', systemName: 'laptop', home: '/home/alice' },
    },
  };
}

async function options(
  workers?: Partial<WorkerPlan>,
  data: Record<string, string> = {},
): Promise<SyncOptions> {
  const spec = specOf(data);
  return {
    ...(await resolveRunSpec(spec)),
    labels: { user: 'alice', systemName: 'laptop' },
    outputRoot: out,
    historySubpath: 'history',
    locationEnv: { home, env: {}, platform: 'linux' },
    ...(workers ? { workers: { threads: 2, spec, ...workers } } : {}),
  };
}

const files = async (root: string): Promise<Record<string, string>> => {
  const names = (await globby('history/**/*', { cwd: root, dot: true })).sort();
  return Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, await readFile(join(root, n), 'utf8')])),
  );
};

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'convx-pool-home-'));
  out = await mkdtemp(join(tmpdir(), 'convx-pool-out-'));
  await mkdir(join(home, '.fake'));
  // Forty sessions, every pair sharing a name: which one gets the plain name must not depend on the threads.
  for (let i = 0; i < 40; i++) await session(`s${String(i).padStart(2, '0')}`, { text: `prompt ${i}` });
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

describe('runSync with worker threads', () => {
  it('prepares sessions in the threads and writes what the main thread alone writes, names included', async () => {
    // A session of a megabyte or more is only ever prepared in a worker thread.
    await session('who', { pid: true }, { text: 'x'.repeat(1 << 20) });
    const threaded = await runSync(await options({}, { title: 'same' }));
    expect(threaded.totals).toMatchObject({ discovered: 41, new: 41, failed: 0 });
    const written = await files(out);
    // The session was loaded in a worker thread, not the main one (thread 0).
    const who = Object.entries(written).find(
      ([name, text]) => name.endsWith('.md') && text.startsWith('thread'),
    );
    expect(who?.[1]).toMatch(/^thread [1-9]/);

    const single = await mkdtemp(join(tmpdir(), 'convx-pool-single-'));
    try {
      const report = await runSync({ ...(await options(undefined, { title: 'same' })), outputRoot: single });
      expect(report.written).toEqual(threaded.written);
      const alone = await files(single);
      // Everything but the session that says which thread loaded it (its transcript and twin).
      const others = (all: Record<string, string>) =>
        Object.fromEntries(Object.entries(all).filter(([name]) => !name.includes('-who.')));
      expect(Object.keys(alone)).toEqual(Object.keys(written));
      expect(others(written)).toEqual(others(alone));
      expect(Object.keys(others(written))).toHaveLength(Object.keys(written).length - 2);
    } finally {
      await rm(single, { recursive: true, force: true });
    }
    expect(await globby('.convx/state/tmp/*', { cwd: out, dot: true })).toEqual([]);
  });

  it('fails only the session whose thread died, and exports every other one', async () => {
    // Big enough (a megabyte) to be prepared only in worker threads.
    const padding = { text: 'x'.repeat(1 << 20) };
    await session('crash', padding, { crash: true });
    await session('boom', padding, { boom: true });
    const report = await runSync(await options({}));
    expect(report.totals).toMatchObject({ discovered: 42, new: 40, failed: 2 });
    expect(report.failures.map((f) => [f.key, f.message]).sort()).toEqual([
      ['fake:boom', 'this session cannot be read'],
      ['fake:crash', 'the worker thread exporting this session stopped: exited with code 3'],
    ]);
    const again = await runSync(await options({}));
    expect(again.totals).toMatchObject({ unchanged: 40, failed: 2, new: 0 });
  });

  it('prepares a session that holds a lot of memory in a worker thread, which has the same room as the main one', async () => {
    const padding = { text: 'x'.repeat(1 << 20) };
    await session('hog', padding, { hog: 120_000 });
    await session('after', padding, { pid: true });
    const report = await runSync(await options({ threads: 1 }));
    expect(report.failures).toEqual([]);
    expect(report.totals).toMatchObject({ discovered: 42, new: 42, failed: 0 });
    const written = await files(out);
    const text = (suffix: string) =>
      Object.entries(written).find(([name]) => name.endsWith(suffix))?.[1] ?? '';
    // 120 MB held at once in the thread (no heap cap), and the thread went on with the next big session.
    expect(text('-hog.md')).toMatch(/thread [1-9][0-9]* held 120000 kB/);
    expect(text('-after.md')).toMatch(/\nthread [1-9][0-9]*\n/);
  }, 30_000);

  it('prepares a session with a line of tens of megabytes in a worker thread, and fails one over the limit', async () => {
    // A pasted log as one line: a capped worker heap used to lose the thread (or the process) on it.
    const long = (mb: number) => ({ long: 1, pad: 'x'.repeat(mb * 1024 * 1024) });
    await session('paste', { pid: true }, long(16));
    await session('huge', { pid: true }, long(24));
    // Discovered last, so the thread has it only after the others.
    await session('zafter', { text: 'x'.repeat(1 << 20) }, { pid: true });
    const report = await runSync({ ...(await options({ threads: 1 })), maxLineBytes: 20 * 1024 * 1024 });
    expect(report.failures).toEqual([
      expect.objectContaining({
        key: 'fake:huge',
        code: 'LINE_TOO_LONG',
        message: 'line 2 is 24 MB, over the limit of 20 MB for one line',
      }),
    ]);
    expect(report.totals).toMatchObject({ discovered: 43, new: 42, failed: 1 });
    const written = await files(out);
    const text = (suffix: string) =>
      Object.entries(written).find(([name]) => name.endsWith(suffix))?.[1] ?? '';
    expect(text('-paste.md')).toMatch(/^thread [1-9][0-9]*\n/);
    // The thread went on: the last session of a megabyte was prepared in it.
    expect(text('-zafter.md').slice(-20)).toMatch(/\nthread [1-9][0-9]*\n$/);
  }, 30_000);

  it('exports on the main thread when the threads cannot resolve the same run', async () => {
    // A spec whose adapter module cannot be found, then one whose render key differs from the main thread's.
    const missing = { ...specOf(), adapters: [{ module: `${planModule}.gone` }] };
    const broken = await runSync(await options({ spec: missing }));
    expect(broken.totals).toMatchObject({ new: 40, failed: 0 });
    await rm(join(out, 'history'), { recursive: true });
    await rm(join(out, '.convx'), { recursive: true });
    const differing = await runSync({
      ...(await options({ spec: specOf({ title: 'other' }) })),
      renderOptions: { x: 1 },
    });
    expect(differing.totals).toMatchObject({ new: 40, failed: 0 });
  });

  it('converges after a threaded run is interrupted, keeping what it committed', async () => {
    const controller = new AbortController();
    let seen = 0;
    const stopped = runSync({
      ...(await options({})),
      signal: controller.signal,
      onProgress: (e) => {
        if (e.type === 'session' && ++seen === 7) controller.abort();
      },
    });
    await expect(stopped).rejects.toThrow();
    const report = await runSync(await options({}));
    expect(report.totals.unchanged).toBeGreaterThanOrEqual(7);
    expect(report.totals.unchanged + report.totals.new).toBe(40);
    const clean = await mkdtemp(join(tmpdir(), 'convx-pool-clean-'));
    try {
      await runSync({ ...(await options({})), outputRoot: clean });
      expect(await files(out)).toEqual(await files(clean));
    } finally {
      await rm(clean, { recursive: true, force: true });
    }
    expect(await globby('.convx/state/tmp/*', { cwd: out, dot: true })).toEqual([]);
  });

  it('starts no thread when fewer sessions changed than the plan asks for', async () => {
    await runSync(await options());
    // A first run (empty index) starts its threads while discovering; a later one only when enough changed.
    await session('who', { pid: true });
    const report = await runSync(await options({ minSessions: 2 }));
    expect(report.totals).toMatchObject({ new: 1, unchanged: 40 });
    const written = await files(out);
    expect(Object.values(written).filter((text) => text.startsWith('thread'))).toEqual(['thread 0\n']);
  });

  it('gives each thread its own ctx.memo, made once and disposed when the run ends', async () => {
    // A megabyte session goes to a worker thread; the rest are shared between the threads and the main one.
    await session('big', { text: 'x'.repeat(1 << 20) });
    const memoLog = join(out, '..', `${basename(out)}-memo.log`);
    try {
      const report = await runSync(await options({}, { memoLog }));
      expect(report.totals).toMatchObject({ discovered: 41, new: 41, failed: 0 });
      const lines = (await readFile(memoLog, 'utf8')).trim().split('\n');
      const made = lines.filter((l) => l.startsWith('made ')).map((l) => l.slice(5));
      const disposed = lines.filter((l) => l.startsWith('disposed ')).map((l) => l.slice(9));
      // Once per thread that loaded something, never remade within the run, each disposed at its end.
      expect(new Set(made).size).toBe(made.length);
      expect(made.some((thread) => thread !== '0')).toBe(true);
      expect([...disposed].sort()).toEqual([...made].sort());
      // Disposed after the last making: nothing of the run outlives it.
      expect(lines.at(-1)).toMatch(/^disposed /);
    } finally {
      await rm(memoLog, { force: true });
    }
  });
});
