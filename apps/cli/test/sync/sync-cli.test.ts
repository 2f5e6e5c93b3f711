import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git } from '../../src/git/run.js';
import { cleanupTemp, tempDir, tempRepo, writeFileIn } from '../git/temp-repo.js';
import { runCli } from '../support/cli.js';
import { type CodexSessionSpec, fakeUuid, writeCodexSession } from '../support/codex-fixture.js';
import { expectedBasename } from '../support/expected.js';

afterAll(cleanupTemp);

/** One Codex session per place, each with its own prompt and start time. */
const places = ['root', 'lib', 'web', 'worktree', 'worktreeSrc', 'sameName', 'prefix'] as const;
type Place = (typeof places)[number];

let home: string;
let repo: string;
const specs = {} as Record<Place, CodexSessionSpec>;
const sync = (cwd: string, ...args: string[]) =>
  runCli(['sync', '--home', home, '--user', 'ana', '--source-system', 'codex', ...args], { cwd });
const mdName = (place: Place) => `${expectedBasename(specs[place])}.md`;
const selected = (report: { wouldWrite: string[] }) =>
  report.wouldWrite
    .filter((path) => path.endsWith('.md'))
    .map((path) => path.split('/').pop())
    .sort();
const names = (...list: Place[]) => list.map(mdName).sort();

beforeAll(async () => {
  home = await tempDir('convx-sync-home-');
  const projects = await tempDir('convx-sync-projects-');
  repo = join(projects, 'app');
  await git(['clone', '--quiet', await tempRepo({ commit: true }), repo], { cwd: projects });
  const worktree = join(projects, 'app-feature');
  await git(['worktree', 'add', '--quiet', '-b', 'feature', worktree], { cwd: repo });
  await writeFileIn(join(projects, 'elsewhere/app'), 'README.md', 'an unrelated project called app\n');
  const cwds: Record<Place, string> = {
    root: repo,
    lib: join(repo, 'src/lib'),
    web: join(repo, 'web'),
    worktree,
    worktreeSrc: join(worktree, 'src'),
    sameName: join(projects, 'elsewhere/app'),
    prefix: join(projects, 'app2'),
  };
  let n = 0;
  for (const place of places) {
    n++;
    specs[place] = {
      id: fakeUuid(n),
      startedAt: `2026-02-0${n}T10:00:00.000Z`,
      cwd: cwds[place],
      turns: [{ prompt: `work on the ${place} part`, answer: `Done with ${place}.` }],
    };
    await writeCodexSession(home, specs[place]);
  }
});

describe('convx sync selects exactly the repository’s sessions', () => {
  it('from the root: the root, its subfolders and the linked worktree, not a same-named or prefixed project', async () => {
    const result = await sync(repo, '--json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.totals).toMatchObject({ discovered: 7, new: 5, skipped: 2, failed: 0 });
    const folder = join(repo, '.ai/history/ana/codex');
    const written = (await readdir(folder)).filter((name) => name.endsWith('.md')).sort();
    expect(written).toEqual(names('root', 'lib', 'web', 'worktree', 'worktreeSrc'));
    const transcript = await readFile(join(folder, mdName('lib')), 'utf8');
    expect(transcript).toContain('work on the lib part');
    expect(transcript).toContain('Done with lib.');
    // Flat layout: no machine or project folders, the JSON twin beside it.
    expect(existsSync(join(folder, `.${expectedBasename(specs.lib)}.json`))).toBe(true);
    // sync never commits.
    expect(await git(['status', '--porcelain', '--', '.ai'], { cwd: repo })).toContain('.ai/');
    expect(await git(['rev-list', '--count', 'HEAD'], { cwd: repo })).toBe('1');
  });

  it('a second run writes nothing', async () => {
    const report = JSON.parse((await sync(repo, '--json')).stdout);
    expect(report.written).toEqual([]);
    // Sessions of other projects are remembered as decided too: every one costs a stat only, and they are
    // counted as skipped again, with their reason.
    expect(report.totals).toMatchObject({ new: 0, updated: 0, unchanged: 5, skipped: 2 });
    expect(report.skipped.map((s: { reason: string }) => s.reason)).toEqual([
      'not in this repository',
      'not in this repository',
    ]);
  });

  it('in worker threads it selects and writes the same: a forced re-render changes no byte', async () => {
    const result = await sync(repo, '--force', '--jobs', '2', '--verbose');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('exporting in 2 worker thread(s) and the main thread');
    const forced = JSON.parse((await sync(repo, '--force', '--jobs', '2', '--json')).stdout);
    expect(forced.written).toEqual([]);
    expect(forced.totals).toMatchObject({ new: 0, updated: 0, unchanged: 5, skipped: 2, failed: 0 });
  });

  it('--no-recursive takes exactly the current folder (in every worktree)', async () => {
    const result = await sync(repo, '--no-recursive', '--dry-run', '--json');
    expect(result.code).toBe(0);
    expect(selected(JSON.parse(result.stdout))).toEqual(names('root', 'worktree'));
  });

  it('from a subfolder: that subfolder here and in the worktree', async () => {
    const src = join(repo, 'src');
    await writeFileIn(src, 'index.ts', 'export {};\n');
    const result = await sync(src, '--dry-run', '--json');
    expect(result.code).toBe(0);
    expect(selected(JSON.parse(result.stdout))).toEqual(names('lib', 'worktreeSrc'));
  });

  it('--match-name also takes a same-named project elsewhere, never a name prefix', async () => {
    const result = await sync(repo, '--match-name', '--dry-run', '--json');
    expect(selected(JSON.parse(result.stdout))).toEqual(
      names('root', 'lib', 'web', 'worktree', 'worktreeSrc', 'sameName'),
    );
  });

  it('works from inside the linked worktree, writing into that worktree', async () => {
    const worktree = specs.worktree.cwd;
    const result = await sync(worktree, '--dry-run', '--json');
    const report = JSON.parse(result.stdout);
    expect(selected(report)).toEqual(names('root', 'lib', 'web', 'worktree', 'worktreeSrc'));
    expect(result.code).toBe(0);
  });

  it('--exclude withdraws a project: its earlier files are removed, the others stay', async () => {
    const folder = join(repo, '.ai/history/ana/codex');
    const result = await sync(repo, '--exclude', '**/src/lib', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.removed).toEqual(
      [
        `.ai/history/ana/codex/${mdName('lib')}`,
        `.ai/history/ana/codex/.${expectedBasename(specs.lib)}.json`,
      ].sort(),
    );
    const left = (await readdir(folder)).filter((name) => name.endsWith('.md')).sort();
    expect(left).toEqual(names('root', 'web', 'worktree', 'worktreeSrc'));
  });

  it('outside a repository it is one sentence and exit 2', async () => {
    const result = await sync(home);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(
      'convx: This folder is not inside a git repository: sync writes into the current repository, so cd into one, or use convx backup.',
    );
  });
});
