import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SyncReport } from '@convx/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backupArgs,
  cliEnv,
  gitInit,
  listOutputFiles,
  makeWorkspace,
  runCli,
  snapshotContents,
  type Workspace,
} from './support/cli.js';
import { type CodexSessionSpec, fakeUuid, writeCodexSession } from './support/codex-fixture.js';
import { expectedBasename } from './support/expected.js';
import { cliPath } from './support/paths.js';

describe('a malformed line', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await makeWorkspace({ copyFixtures: false });
  });
  afterAll(() => ws.cleanup());

  it('is counted as a warning and the session is still exported', async () => {
    const spec: CodexSessionSpec = {
      id: fakeUuid(7),
      startedAt: '2026-04-01T09:00:00.000Z',
      cwd: join(ws.home, 'work/site'),
      turns: [
        { prompt: 'Why is the build red?', answer: 'A missing semicolon in main.ts.' },
        { prompt: 'Fix it', answer: 'Fixed and pushed.' },
      ],
    };
    // A broken line in the middle, and a last line cut short as by a crash.
    const path = await writeCodexSession(ws.home, spec, (lines) => [
      ...lines.slice(0, 5),
      '{"timestamp":"2026-04-01T09:00:11Z","type":"response_item","payload":{"type":"mess',
      ...lines.slice(5),
      '{"timestamp":"2026-04-01T09:09:00Z","type":"event_msg","pay',
    ]);
    const result = await runCli(backupArgs(ws, '--json'));
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as SyncReport;
    expect(report.totals).toMatchObject({ discovered: 1, new: 1, failed: 0 });
    expect(report.failures).toEqual([]);
    const warning = report.warnings.find((w) => w.path === path);
    expect(warning?.message).toMatch(/×2/);
    const md = await readFile(
      join(ws.out, 'history/tester/codex/box/work/site', `${expectedBasename(spec)}.md`),
      'utf8',
    );
    expect(md).toContain('A missing semicolon in main.ts.');
    expect(md).toContain('Fixed and pushed.');

    const human = await runCli(backupArgs(ws, '--force'));
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('exported with warnings');
    const verbose = await runCli(backupArgs(ws, '--force', '--verbose'));
    expect(verbose.stdout).toContain(path);
  });
});

describe('a run killed midway', () => {
  let ws: Workspace;
  const SESSIONS = 1200;
  beforeAll(async () => {
    ws = await makeWorkspace({ copyFixtures: false });
    const writes: Promise<string>[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      const start = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString();
      writes.push(
        writeCodexSession(ws.home, {
          id: fakeUuid(1000 + i),
          startedAt: start,
          cwd: join(ws.home, `code/project-${i % 7}`),
          turns: [
            { prompt: `Task number ${i}: tidy the module`, answer: `Tidied module ${i}. `.repeat(40) },
            { prompt: `And add a test for ${i}`, answer: 'Added one.' },
          ],
        }),
      );
    }
    await Promise.all(writes);
  });
  afterAll(() => ws.cleanup());

  it('converges on re-run to the same output as a clean run', async () => {
    const history = join(ws.out, 'history');
    const child = spawn(process.execPath, [cliPath, ...backupArgs(ws, '--quiet')], {
      env: cliEnv(),
      stdio: 'ignore',
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    // Kill it once some (not all) transcripts are on disk.
    let killed = false;
    let finished = false;
    void exited.then(() => {
      finished = true;
    });
    while (!finished) {
      const files = await readdir(history, { recursive: true }).catch(() => [] as string[]);
      if (files.filter((f) => f.endsWith('.md')).length >= 40) {
        killed = child.kill('SIGKILL');
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const { signal } = await exited;
    expect(killed, 'the run finished before it could be killed; make the corpus bigger').toBe(true);
    expect(signal).toBe('SIGKILL');
    const partial = (await listOutputFiles(ws.out)).filter((f) => f.endsWith('.md')).length;
    expect(partial).toBeLessThan(SESSIONS);

    // The re-run takes over the dead run's lock and finishes the job.
    const rerun = await runCli(backupArgs(ws, '--json'));
    expect(rerun.stderr).toBe('');
    expect(rerun.code).toBe(0);
    const report = JSON.parse(rerun.stdout) as SyncReport;
    expect(report.totals.discovered).toBe(SESSIONS);
    expect(report.totals.failed).toBe(0);

    const clean = join(ws.root, 'clean');
    await gitInit(clean);
    const fresh = await runCli(backupArgs({ home: ws.home, out: clean }, '--quiet'));
    expect(fresh.code).toBe(0);
    const converged = await snapshotContents(ws.out);
    const expected = await snapshotContents(clean);
    expect([...converged.keys()]).toEqual([...expected.keys()]);
    expect(converged.size).toBe(SESSIONS * 2 + 1);
    for (const [path, content] of expected) expect(converged.get(path), path).toBe(content);

    const again = JSON.parse((await runCli(backupArgs(ws, '--json'))).stdout) as SyncReport;
    expect(again.totals).toMatchObject({ new: 0, updated: 0, unchanged: SESSIONS });
  });

  it('stops on Ctrl-C with exit 130, keeps what it wrote and releases the lock', async () => {
    const out = join(ws.root, 'interrupted');
    await gitInit(out);
    const child = spawn(process.execPath, [cliPath, ...backupArgs({ home: ws.home, out })], {
      env: cliEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let finished = false;
    void exited.then(() => {
      finished = true;
    });
    while (!finished) {
      const files = await readdir(join(out, 'history'), { recursive: true }).catch(() => [] as string[]);
      if (files.filter((f) => f.endsWith('.md')).length >= 40) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(finished, 'the run finished before it could be interrupted').toBe(false);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('Interrupted; files already written are kept');
    expect(stderr).not.toMatch(/\n\s+at /);
    await expect(readdir(join(out, '.convx/state'))).resolves.not.toContain('lock');
    const written = (await listOutputFiles(out)).filter((f) => f.endsWith('.md')).length;
    expect(written).toBeGreaterThanOrEqual(40);
    expect(written).toBeLessThan(SESSIONS);
  });
});

describe('--dry-run', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await makeWorkspace();
    await writeCodexSession(ws.home, {
      id: fakeUuid(99),
      startedAt: '2026-05-05T05:05:00.000Z',
      cwd: join(ws.home, 'projects/dry'),
      turns: [{ prompt: 'Explain the cache layer', answer: 'It memoizes reads by key.' }],
    });
  });
  afterAll(() => ws.cleanup());

  it('reports what would be written and writes nothing', async () => {
    // Only codex: the fixture home also holds a deliberately corrupt Cursor database (exit 1 by design).
    const result = await runCli(backupArgs(ws, '--source-system', 'codex', '--dry-run', '--json'));
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as SyncReport;
    expect(report.dryRun).toBe(true);
    expect(report.written).toEqual([]);
    expect(report.totals.new).toBeGreaterThanOrEqual(1);
    expect(report.wouldWrite).toContain(
      `history/tester/codex/box/projects/dry/${expectedBasename({
        id: fakeUuid(99),
        startedAt: '2026-05-05T05:05:00.000Z',
        cwd: '',
        turns: [{ prompt: 'Explain the cache layer', answer: '' }],
      })}.md`,
    );
    const entries = await readdir(ws.out);
    expect(entries).toEqual(['.git']);

    const human = await runCli(backupArgs(ws, '--source-system', 'codex', '--dry-run'));
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/Dry run: would write \d+ files/);
    expect(await readdir(ws.out)).toEqual(['.git']);
  });
});
