import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SyncReport } from '@convx/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backupArgs,
  gitInit,
  listOutputFiles,
  makeWorkspace,
  runCli,
  type Workspace,
} from '../test/support/cli.js';
import { type CodexSessionSpec, fakeUuid, writeCodexSession } from '../test/support/codex-fixture.js';
import { seeded, writeClaudeSession } from './support/corpus.js';
import { runCliAs, unprivilegedCommand } from './support/system.js';

const MB = 1024 * 1024;
let ws: Workspace;
let runs = 0;

/** A home of its own for each group of tests, with four ordinary Codex sessions. */
async function ordinaryHome(name: string): Promise<string> {
  const home = join(ws.root, name);
  for (let n = 1; n <= 4; n++) await writeCodexSession(home, spec(n, `Ordinary task ${n}`, home));
  return home;
}
/** A fresh output repository for each run of a test. */
async function freshOut(home: string): Promise<{ home: string; out: string }> {
  const out = join(ws.root, `out-${++runs}`);
  await gitInit(out);
  return { home, out };
}
const report = (stdout: string) => JSON.parse(stdout) as SyncReport;
const stateLeftovers = async (out: string) => [
  ...(await readdir(join(out, '.convx/state'))).filter((name) => name === 'lock'),
  ...(await readdir(join(out, '.convx/state/tmp'))),
];
const spec = (n: number, prompt: string, home: string): CodexSessionSpec => ({
  id: fakeUuid(n),
  startedAt: new Date(Date.UTC(2026, 2, 1) + n * 60_000).toISOString(),
  cwd: join(home, 'code/app'),
  turns: [{ prompt, answer: `Answer ${n}.` }],
});
/** A line no engine may show a person when nesting is the problem. */
const ENGINE_WORDS = /Maximum call stack|not valid JSON|FATAL|heap out of memory|Unexpected error/;

beforeAll(async () => {
  ws = await makeWorkspace({ copyFixtures: false });
});
afterAll(() => ws.cleanup());

describe('a session with one very long line', () => {
  let home: string;
  beforeAll(async () => {
    home = await ordinaryHome('home-long');
    // A pasted log of 100 MB as one typed prompt: one JSONL line of 100 MB (line 8 of the rollout).
    const paste = 'pasted log line '.repeat((100 * MB) / 16);
    await writeCodexSession(home, spec(50, 'Look at this log', home), (lines) => [
      ...lines,
      JSON.stringify({
        timestamp: '2026-03-01T01:00:00.000Z',
        type: 'response_item',
        payload: { type: 'message', role: 'user', content: [{ type: 'input_text', text: paste }] },
      }),
    ]);
  });

  it('is exported whole, with worker threads (a first run uses them)', async () => {
    const target = await freshOut(home);
    const run = await runCli(backupArgs(target, '--source-system', 'codex', '--jobs', '1', '--json'));
    expect(run.stderr).not.toMatch(ENGINE_WORDS);
    expect(run.code, run.stderr).toBe(0);
    expect(report(run.stdout).totals).toMatchObject({ discovered: 5, new: 5, failed: 0 });
    const twins = (await listOutputFiles(target.out)).filter((f) => f.endsWith('.json'));
    const sizes = await Promise.all(twins.map(async (f) => (await stat(join(target.out, f))).size));
    expect(Math.max(...sizes)).toBeGreaterThan(100 * MB);
    expect(await stateLeftovers(target.out)).toEqual([]);
  });

  it('fails alone over --max-line-mb, naming the line and its size, run after run', async () => {
    const target = await freshOut(home);
    for (const attempt of [1, 2]) {
      const run = await runCli(backupArgs(target, '--source-system', 'codex', '--max-line-mb', '64'));
      expect(run.code, run.stderr).toBe(1);
      expect(run.stdout).toContain('line 8 is 100 MB, over the limit of 64 MB for one line');
      expect(run.stdout).toContain('--max-line-mb N, or max_line_mb in .convx/config.toml');
      expect(run.stdout).toMatch(
        attempt === 1 ? /codex\s+5\s+4\s+0\s+0\s+0\s+1/ : /codex\s+5\s+0\s+0\s+4\s+0\s+1/,
      );
      // The lock released and no temp file left: the next run behaves the same.
      expect(await stateLeftovers(target.out)).toEqual([]);
    }
    // The config key says the same.
    await mkdir(join(target.out, '.convx'), { recursive: true });
    await writeFile(join(target.out, '.convx/config.toml'), 'max_line_mb = 32\n');
    const json = await runCli(backupArgs(target, '--source-system', 'codex', '--json'));
    expect(report(json.stdout).failures).toEqual([
      expect.objectContaining({
        code: 'LINE_TOO_LONG',
        message: 'line 8 is 100 MB, over the limit of 32 MB for one line',
      }),
    ]);
  });
});

describe('a session nested 10,000 levels deep', () => {
  // As text: this test's own JSON.stringify could not walk it either.
  const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  let home: string;
  let claude: string;
  let codex: string;
  beforeAll(async () => {
    home = await ordinaryHome('home-deep');
    // A Claude Code tool call whose input nests 10,000 levels (a 60 KB file)…
    claude = await writeClaudeSession(
      home,
      seeded(3),
      '7c1e0000-0000-4000-8000-00000000dee9',
      join(home, 'code/app'),
      Date.UTC(2026, 2, 2),
      1,
    );
    const text = await readFile(claude, 'utf8');
    await writeFile(claude, text.replace(/"input":\{"command":"[^"]*"\}/, `"input":${deep(10_000)}`));
    // …and a Codex function call whose arguments (a JSON string) do.
    codex = await writeCodexSession(home, spec(60, 'Call the tool', home), (lines) => [
      ...lines,
      JSON.stringify({
        timestamp: '2026-03-01T01:01:00.000Z',
        type: 'response_item',
        payload: { type: 'function_call', name: 'shell', arguments: deep(10_000), call_id: 'c1' },
      }),
    ]);
  });

  for (const jobs of ['1', '0']) {
    it(`fails alone, in plain words, run after run (--jobs ${jobs})`, async () => {
      const target = await freshOut(home);
      for (const attempt of [1, 2]) {
        const run = await runCli(backupArgs(target, '--jobs', jobs, '--json'));
        expect(run.stderr).not.toMatch(ENGINE_WORDS);
        expect(run.code, run.stderr).toBe(1);
        const { failures, totals } = report(run.stdout);
        expect(failures.map((f) => [f.path, f.code]).sort()).toEqual(
          [
            [claude, 'NESTED_TOO_DEEP'],
            [codex, 'NESTED_TOO_DEEP'],
          ].sort(),
        );
        for (const f of failures) expect(f.message).toMatch(/is nested deeper than 1000 levels$/);
        expect(totals).toMatchObject(attempt === 1 ? { new: 4, failed: 2 } : { unchanged: 4, failed: 2 });
        expect(await stateLeftovers(target.out)).toEqual([]);
      }
      const human = await runCli(backupArgs(target, '--jobs', jobs));
      expect(human.stdout).toContain('nested deeper than 1000 levels');
      expect(`${human.stdout}${human.stderr}`).not.toMatch(ENGINE_WORDS);
    });
  }
});

describe('files and folders that cannot be read', () => {
  const junk = () => {
    const bytes = randomBytes(6000);
    for (let i = 0; i < bytes.length; i += 5) bytes[i] = 0;
    return bytes;
  };
  let home: string;
  const paths: Record<string, string> = {};
  beforeAll(async () => {
    home = join(ws.root, 'home-unreadable');
    for (let n = 1; n <= 3; n++) await writeCodexSession(home, spec(n, `Readable task ${n}`, home));
    // Random bytes and NULs, every line of them: a Codex rollout and a Claude Code transcript.
    paths.codexJunk = await writeCodexSession(home, spec(70, 'x', home), () => []);
    await writeFile(paths.codexJunk, Buffer.concat([junk(), Buffer.from('\n'), junk()]));
    paths.claudeJunk = join(home, '.claude/projects/-home-x/7c1e0000-0000-4000-8000-0000000000aa.jsonl');
    await mkdir(dirname(paths.claudeJunk), { recursive: true });
    await writeFile(paths.claudeJunk, junk());
    // A link to nothing and a FIFO where sessions are kept.
    const day = dirname(await writeCodexSession(home, spec(71, 'gone', home)));
    paths.dangling = join(day, `rollout-2026-03-01T02-00-00-${fakeUuid(72)}.jsonl`);
    await symlink(join(home, 'nowhere.jsonl'), paths.dangling);
    paths.fifo = join(day, `rollout-2026-03-01T03-00-00-${fakeUuid(73)}.jsonl`);
    execFileSync('mkfifo', [paths.fifo]);
    // No permission: a day folder of Codex sessions, one rollout, and Claude Code's projects folder.
    paths.folder = dirname(
      await writeCodexSession(home, {
        ...spec(74, 'locked away', home),
        startedAt: '2026-05-05T10:00:00.000Z',
      }),
    );
    paths.file = await writeCodexSession(home, {
      ...spec(75, 'locked file', home),
      startedAt: '2026-05-06T10:00:00.000Z',
    });
    paths.projects = join(home, '.config/claude/projects');
    await mkdir(join(paths.projects, '-home-y'), { recursive: true });
  });

  it('reports every file whose lines are all malformed, with its path', async () => {
    const target = await freshOut(home);
    const run = await runCli(backupArgs(target, '--source-system', 'codex,claude', '--json'));
    expect(run.code).toBe(1);
    const { failures } = report(run.stdout);
    for (const path of [paths.codexJunk, paths.claudeJunk])
      expect(failures).toContainEqual(
        expect.objectContaining({
          path,
          code: 'UNREADABLE_SESSION',
          message: expect.stringMatching(/^no message in it could be read: /),
        }),
      );
    const human = await runCli(backupArgs(target, '--source-system', 'codex,claude'));
    expect(human.stdout).toContain(paths.codexJunk);
  });

  it('reports a broken link and a FIFO named like a session, without waiting on the FIFO', async () => {
    const target = await freshOut(home);
    const run = await runCli(backupArgs(target, '--source-system', 'codex', '--json'));
    const { failures } = report(run.stdout);
    expect(failures).toContainEqual(
      expect.objectContaining({
        path: paths.dangling,
        message: 'cannot read this file: it is a link to a file that does not exist',
      }),
    );
    expect(failures).toContainEqual(
      expect.objectContaining({ path: paths.fifo, message: expect.stringContaining('not a regular file') }),
    );
  });

  it.skipIf(!unprivilegedCommand)(
    'reports a folder, a file and a source location without permission',
    async () => {
      const target = await freshOut(home);
      const locked = [paths.folder, paths.file, paths.projects] as string[];
      await Promise.all(locked.map((p) => chmod(p, 0)));
      try {
        const run = await runCliAs(
          unprivilegedCommand ?? [],
          backupArgs(target, '--source-system', 'codex,claude', '--json'),
        );
        expect(run.code, run.stderr).toBe(1);
        const { failures, totals } = report(run.stdout);
        const about = (path: string) => failures.find((f) => f.path === path)?.message;
        expect(about(paths.folder ?? '')).toBe('cannot read this folder (permission denied)');
        expect(about(paths.projects ?? '')).toBe('cannot read this folder (permission denied)');
        expect(about(paths.file ?? '')).toMatch(/permission denied/);
        // What can be read is exported all the same.
        expect(totals.new).toBe(4);
        const human = await runCliAs(
          unprivilegedCommand ?? [],
          backupArgs(target, '--source-system', 'codex,claude'),
        );
        expect(human.stdout).not.toContain('No sessions found');
        expect(human.stdout).toContain(paths.folder);
      } finally {
        await Promise.all(locked.map((p) => chmod(p, 0o755)));
      }
    },
  );
});
