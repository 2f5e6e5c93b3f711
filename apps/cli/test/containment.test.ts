import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SyncReport } from '@convx/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { git } from '../src/git/run.js';
import {
  backupArgs,
  type CliResult,
  listOutputFiles,
  makeWorkspace,
  runCli,
  type Workspace,
} from './support/cli.js';
import { type CodexSessionSpec, fakeUuid, writeCodexSession } from './support/codex-fixture.js';
import { expectedBasename } from './support/expected.js';

// Nothing is written, renamed or deleted outside the output's history and state folders: not through a
// symbolic link that arrived with a clone, not through an option, whatever a path in a log says.

let ws: Workspace;
/** A folder beside the output, holding something to keep. */
let target: string;

beforeEach(async () => {
  ws = await makeWorkspace({ copyFixtures: false });
  target = join(ws.root, 'target');
  await mkdir(join(target, 'tmp'), { recursive: true });
  await writeFile(join(target, 'tmp', 'precious.txt'), 'keep me\n');
});
afterEach(() => ws.cleanup());

const spec = (n: number, cwd: string, prompt = `Task ${n}: tidy the module`): CodexSessionSpec => ({
  id: fakeUuid(n),
  startedAt: `2026-03-0${n}T10:00:00.000Z`,
  cwd,
  turns: [{ prompt, answer: `Tidied module ${n}.` }],
});

/** One plain sentence on stderr, exit 2, nothing on stdout, no stack trace. */
function expectUsageError(result: CliResult, pattern: RegExp) {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

const untouched = async () => {
  expect(await readdir(target, { recursive: true })).toEqual(['tmp', 'tmp/precious.txt']);
  expect(await readFile(join(target, 'tmp', 'precious.txt'), 'utf8')).toBe('keep me\n');
};

describe('a committed .convx/state symlink', () => {
  it('stops backup with exit 2, naming the link, and deletes or writes nothing through it', async () => {
    await writeCodexSession(ws.home, spec(1, join(ws.home, 'code/app')));
    await mkdir(join(ws.out, '.convx'));
    await symlink(target, join(ws.out, '.convx', 'state'));
    for (const extra of [[], ['--dry-run'], ['--commit']]) {
      const result = await runCli(backupArgs(ws, ...extra));
      expectUsageError(result, new RegExp(`${join(ws.out, '.convx', 'state')} is a symbolic link`));
    }
    await untouched();
    expect(await listOutputFiles(ws.out)).toEqual([]);
    for (const args of [['stats'], ['config']]) {
      const result = await runCli([...args, '--output-path', ws.out]);
      expectUsageError(result, new RegExp(`${join(ws.out, '.convx', 'state')} is a symbolic link`));
    }
  });

  it('stops sync and the hook’s sync too, before the config is read through a linked .convx', async () => {
    const repo = join(ws.root, 'project');
    await git(['init', '--quiet', repo], { cwd: ws.root });
    await writeCodexSession(ws.home, spec(1, repo));
    await symlink(target, join(repo, '.convx'));
    const result = await runCli(['sync', '--home', ws.home, '--user', 'ana'], { cwd: repo });
    expectUsageError(result, new RegExp(`${join(repo, '.convx')} is a symbolic link`));
    await untouched();
    expect(await readdir(repo)).toEqual(['.convx', '.git']);
  });
});

describe('a symlinked folder inside the history folder', () => {
  it('fails only the sessions below it, each listed with the link, and writes nothing through it', async () => {
    await writeCodexSession(ws.home, spec(1, join(ws.home, 'code/app')));
    await writeCodexSession(ws.home, spec(2, join(ws.home, 'code/app')));
    await writeCodexSession(ws.home, spec(3, join(ws.home, 'code/site')));
    await mkdir(join(ws.out, 'history/tester/codex/box/code'), { recursive: true });
    const link = join(ws.out, 'history/tester/codex/box/code/app');
    await symlink(target, link);
    const result = await runCli(backupArgs(ws, '--json'));
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as SyncReport;
    expect(report.totals).toMatchObject({ new: 1, failed: 2 });
    expect(report.failures.map((f) => f.message)).toEqual([
      expect.stringContaining(`${link} is a symbolic link`),
      expect.stringContaining(`${link} is a symbolic link`),
    ]);
    await untouched();
    const human = await runCli(backupArgs(ws));
    expect(human.code).toBe(1);
    expect(human.stdout).toContain(`${link} is a symbolic link`);
    expect((await listOutputFiles(ws.out)).filter((f) => f.endsWith('.md'))).toEqual([
      `history/tester/codex/box/code/site/${expectedBasename(spec(3, ''))}.md`,
    ]);
  });

  it('stops the run (exit 2) when the history folder itself is a link', async () => {
    await writeCodexSession(ws.home, spec(1, join(ws.home, 'code/app')));
    await symlink(target, join(ws.out, 'history'));
    expectUsageError(
      await runCli(backupArgs(ws)),
      new RegExp(`${join(ws.out, 'history')} is a symbolic link`),
    );
    await untouched();
  });
});

describe('--history-subpath inside .convx/ or .git/', () => {
  it('is a usage error from the flag, before the second run can delete every transcript', async () => {
    await writeCodexSession(ws.home, spec(1, join(ws.home, 'code/app')));
    expect((await runCli(backupArgs(ws))).code).toBe(0);
    const before = await listOutputFiles(ws.out);
    expectUsageError(
      await runCli(backupArgs(ws, '--history-subpath', '.convx/state/tmp')),
      /^convx: --history-subpath \.convx\/state\/tmp is inside \.convx\/, where convx keeps its state; give a folder inside the output, such as history\.\n$/,
    );
    expectUsageError(await runCli(backupArgs(ws, '--history-subpath', '.git/convx')), /is inside \.git\//);
    expectUsageError(await runCli(backupArgs(ws, '--history-subpath', '.')), /is empty/);
    expect(await listOutputFiles(ws.out)).toEqual(before);
  });

  it('is a usage error from the config file, naming the key', async () => {
    await mkdir(join(ws.out, '.convx'));
    await writeFile(
      join(ws.out, '.convx', 'config.toml'),
      '[backup]\nhistory_subpath = ".convx/state/tmp"\n',
    );
    expectUsageError(
      await runCli(backupArgs(ws)),
      /backup\.history_subpath is inside \.convx\/, where convx keeps its state \(got "\.convx\/state\/tmp"\)/,
    );
    await writeFile(join(ws.out, '.convx', 'config.toml'), '[sync]\nhistory_subpath = ".git/x"\n');
    expectUsageError(await runCli(backupArgs(ws)), /sync\.history_subpath is inside \.git\//);
  });
});

describe('folders from the cwd in a log', () => {
  it('a cwd of 45 folders of 100 characters is exported on every run, shortened with a stable hash', async () => {
    const deep = Array.from({ length: 45 }, (_, i) => `part-${i}-`.padEnd(100, 'x'));
    const long = spec(1, join(ws.home, ...deep));
    await writeCodexSession(ws.home, long);
    await writeCodexSession(ws.home, spec(2, join(ws.home, 'code/app')));
    const first = await runCli(backupArgs(ws, '--json'));
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as SyncReport;
    expect(report.totals).toMatchObject({ new: 2, failed: 0 });
    const md = report.written.find((f) => f.endsWith(`${expectedBasename(long)}.md`));
    expect(md).toMatch(
      /^history\/tester\/codex\/box\/part-0-x+\/(part-\d+-x+\/)*part-44-x{56}-[0-9a-f]{12}\//,
    );
    expect(Buffer.byteLength(md ?? '')).toBeLessThan(700);
    expect(await readFile(join(ws.out, md ?? ''), 'utf8')).toContain('Tidied module 1.');
    // A normal path is what it always was.
    expect(report.written).toContain(`history/tester/codex/box/code/app/${expectedBasename(spec(2, ''))}.md`);
    const again = await runCli(backupArgs(ws, '--force', '--json'));
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as SyncReport).written).toEqual([]);
  });

  it('drops bidirectional and zero-width characters from folder names', async () => {
    await writeCodexSession(ws.home, spec(1, join(ws.home, 'code', 'invoice\u202Efdp.exe\u200B')));
    const result = await runCli(backupArgs(ws, '--json'));
    expect(result.code).toBe(0);
    const written = (JSON.parse(result.stdout) as SyncReport).written;
    expect(written).toContain(
      `history/tester/codex/box/code/invoicefdp.exe/${expectedBasename(spec(1, ''))}.md`,
    );
  });
});

describe('the temp folder after a kill', () => {
  it('is cleared without following a link left in it', async () => {
    await writeCodexSession(ws.home, spec(1, join(ws.home, 'code/app')));
    await mkdir(join(ws.out, '.convx', 'state', 'tmp'), { recursive: true });
    await symlink(join(target, 'tmp'), join(ws.out, '.convx', 'state', 'tmp', '1-0-1.tmp'));
    expectUsageError(await runCli(backupArgs(ws)), /1-0-1\.tmp is a symbolic link/);
    await untouched();
  });
});
