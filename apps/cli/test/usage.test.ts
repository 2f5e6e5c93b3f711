import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { SyncReport } from '@convx/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupArgs, makeWorkspace, runCli, type Workspace } from './support/cli.js';
import { fakeUuid, writeCodexSession } from './support/codex-fixture.js';
import { repoRoot } from './support/paths.js';

/** A user mistake: exit 2, one line on stderr, nothing on stdout, no stack trace. */
function expectUsageError(result: { code: number | null; stdout: string; stderr: string }, pattern: RegExp) {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('convx usage', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await makeWorkspace({ copyFixtures: false });
    await writeCodexSession(ws.home, {
      id: fakeUuid(42),
      startedAt: '2026-06-01T12:00:00.000Z',
      cwd: join(ws.home, 'src/tool'),
      turns: [{ prompt: 'Rename the config loader', answer: 'Renamed to loadSettings.' }],
    });
  });
  afterAll(() => ws.cleanup());

  it('prints the version from package.json', async () => {
    const pkg = JSON.parse(await readFile(join(repoRoot, 'apps/cli/package.json'), 'utf8')) as {
      version: string;
    };
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(pkg.version);
  });

  it('has --help on every command', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('backup');
    expect(top.stdout).toContain('stats');
    expect(top.stdout).toContain('Exit codes');
    expect(top.stdout).toContain('for convx scan: possible secrets were found');
    const backup = await runCli(['backup', '--help']);
    expect(backup.code).toBe(0);
    for (const flag of [
      '--output-path',
      '--init',
      '--source-system',
      '--input-path',
      '--home',
      '--dry-run',
      '--json',
    ])
      expect(backup.stdout).toContain(flag);
    const stats = await runCli(['stats', '--help']);
    expect(stats.code).toBe(0);
    expect(stats.stdout).toContain('--output-path');
  });

  it('rejects an unknown flag, an unknown command and a missing value', async () => {
    expectUsageError(await runCli(backupArgs(ws, '--bogus')), /Unknown option --bogus for convx backup/);
    expectUsageError(
      await runCli(['frobnicate']),
      /Unknown command "frobnicate"; the commands are backup, sync, hooks, config, stats, search, scan and explore/,
    );
    expectUsageError(await runCli(['backup', '--output-path']), /--output-path needs a value/);
    expectUsageError(
      await runCli(['stats', '--dry-run', '--output-path', ws.out]),
      /--dry-run is an option of convx backup and convx sync, not of convx stats/,
    );
    expectUsageError(await runCli(['backup']), /Missing --output-path/);
  });

  it('says how to make the output a git repository', async () => {
    const plain = join(ws.root, 'plain');
    await mkdir(plain);
    expectUsageError(
      await runCli(backupArgs({ home: ws.home, out: plain })),
      new RegExp(`${plain} is not a git repository; run \`git init ${plain}\` first or pass --init\\.`),
    );
    const missing = join(ws.root, 'missing');
    expectUsageError(await runCli(backupArgs({ home: ws.home, out: missing })), /does not exist; .*--init/);
  });

  it('--init creates the folder and the repository', async () => {
    const fresh = join(ws.root, 'new/history-repo');
    const result = await runCli(backupArgs({ home: ws.home, out: fresh }, '--init', '--json'));
    expect(result.code).toBe(0);
    expect((await stat(join(fresh, '.git'))).isDirectory()).toBe(true);
    expect((JSON.parse(result.stdout) as SyncReport).totals.new).toBe(1);
  });

  it('rejects unknown source systems, listing the valid ones', async () => {
    expectUsageError(
      await runCli(backupArgs(ws, '--source-system', 'codex,vim')),
      /Unknown source system "vim"; valid ones are all, codex/,
    );
    expectUsageError(
      await runCli(backupArgs(ws, '--input-path', `vim=${ws.home}`)),
      /Unknown source system "vim" in --input-path/,
    );
  });

  it('checks --input-path and --history-subpath', async () => {
    expectUsageError(
      await runCli(backupArgs(ws, '--source-system', 'codex', '--input-path', join(ws.root, 'nope'))),
      /nope \(for codex\) does not exist/,
    );
    expectUsageError(
      await runCli(backupArgs(ws, '--input-path', join(ws.root, 'nope'))),
      /must say which source it is for \(e\.g\. --input-path codex=/,
    );
    expectUsageError(
      await runCli(backupArgs(ws, '--history-subpath', '../outside')),
      /leaves the output folder/,
    );
    expectUsageError(await runCli(backupArgs(ws, '--history-subpath', '/abs')), /is absolute/);
  });

  it('reads only --input-path when given, into a custom --history-subpath', async () => {
    const elsewhere = join(ws.root, 'old-laptop');
    await writeCodexSession(elsewhere, {
      id: fakeUuid(43),
      startedAt: '2025-12-24T18:00:00.000Z',
      cwd: join(ws.home, 'src/gifts'),
      turns: [{ prompt: 'List the gift ideas', answer: 'Books, tea, socks.' }],
    });
    const result = await runCli(
      backupArgs(
        ws,
        '--input-path',
        `codex=${join(elsewhere, '.codex')}`,
        '--history-subpath',
        'archive/ai',
        '--json',
      ),
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as SyncReport;
    expect(report.totals).toMatchObject({ discovered: 1, new: 1 });
    expect(report.written.every((p) => p.startsWith('archive/ai/tester/codex/box/src/gifts/'))).toBe(true);
  });

  it('--json prints only the report on stdout', async () => {
    const result = await runCli(backupArgs(ws, '--json'));
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as SyncReport;
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining([
        'sources',
        'totals',
        'failures',
        'warnings',
        'written',
        'dryRun',
        'durationMs',
      ]),
    );
  });

  it('exits 3 when another live run holds the lock', async () => {
    await mkdir(join(ws.out, '.convx/state'), { recursive: true });
    const lock = join(ws.out, '.convx/state/lock');
    await writeFile(
      lock,
      JSON.stringify({ pid: process.pid, host: hostname(), startedAt: '2026-01-01T00:00:00Z' }),
    );
    const result = await runCli(backupArgs(ws));
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/Another convx run \(pid \d+/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    await writeFile(lock, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), startedAt: 'x' }));
    // A lock left by a dead process is taken over.
    expect((await runCli(backupArgs(ws, '--quiet'))).code).toBe(0);
  });
});
