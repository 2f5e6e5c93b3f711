import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git } from '../../src/git/run.js';
import { nearestFolders } from '../../src/sync/selection-hint.js';
import { cleanupTemp, tempDir, tempRepo } from '../git/temp-repo.js';
import { runCli } from '../support/cli.js';
import { fakeUuid, writeCodexSession } from '../support/codex-fixture.js';

afterAll(cleanupTemp);

let home: string;
let projects: string;
const sync = (cwd: string, ...args: string[]) =>
  runCli(['sync', '--home', home, '--user', 'ana', '--source-system', 'codex', ...args], { cwd });
/** The lines after the summary that explain the selection. */
const hint = (stdout: string) => {
  const lines = stdout.trim().split('\n');
  return lines.slice(
    lines.findIndex((line) => /^(Sessions recorded|No session was recorded) in /.test(line)),
  );
};

beforeAll(async () => {
  home = await tempDir('convx-hint-home-');
  projects = await tempDir('convx-hint-projects-');
  // Sessions everywhere but in `app` itself: an older checkout beside it, a clone elsewhere, another project.
  const places = [
    join(projects, 'app-old'),
    join(projects, 'app-old'),
    join(projects, 'app-old', 'src'),
    join(projects, 'clones', 'app'),
    join(projects, 'other'),
    join(home, 'notes'),
  ];
  let n = 0;
  for (const cwd of places) {
    n++;
    await writeCodexSession(home, {
      id: fakeUuid(500 + n),
      startedAt: `2026-03-0${n}T10:00:00.000Z`,
      cwd,
      turns: [{ prompt: `work in session ${n}`, answer: 'Done.' }],
    });
  }
});

describe('convx sync says what its selection found', () => {
  it('when nothing was recorded here: says so, names the nearest folders with sessions and --match-name', async () => {
    const repo = join(projects, 'app');
    await git(['clone', '--quiet', await tempRepo({ commit: true }), repo], { cwd: projects });
    const result = await sync(repo);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(hint(result.stdout)).toEqual([
      `No session was recorded in ${repo} or below (6 discovered in all, in other folders).`,
      `Nearest folders with sessions: ${join(projects, 'app-old')} (2), ${join(projects, 'app-old', 'src')} (1), ${join(projects, 'clones', 'app')} (1).`,
      `1 session was recorded in other folders named app: convx sync --match-name exports them too.`,
    ]);
    // The same hint on a dry run, once the index knows the folders; and --match-name then finds the clone.
    expect((await sync(repo, '--dry-run')).stdout).toContain('Nearest folders with sessions:');
    const matched = await sync(repo, '--match-name');
    expect(matched.stdout).toContain(`Sessions recorded in ${repo} or below: 1 (6 discovered in all).`);
  });

  it('with --no-recursive, points at the subfolders', async () => {
    const repo = join(projects, 'app-old');
    await mkdir(join(repo, 'src', 'empty'), { recursive: true });
    await git(['init', '--quiet', repo], { cwd: projects });
    const exact = await sync(join(repo, 'src'), '--no-recursive');
    expect(exact.stdout).toContain(`Sessions recorded in ${join(repo, 'src')}: 1 (6 discovered in all).`);
    const all = await sync(repo);
    expect(all.stdout).toContain(`Sessions recorded in ${repo} or below: 3 (6 discovered in all).`);
    const none = await sync(join(repo, 'src', 'empty'), '--no-recursive');
    expect(hint(none.stdout)).toEqual([
      `No session was recorded in ${join(repo, 'src', 'empty')} (6 discovered in all, in other folders).`,
      `Nearest folders with sessions: ${join(repo, 'src')} (1), ${repo} (2), ${join(projects, 'clones', 'app')} (1).`,
      'A clone of this project elsewhere (a folder also named app-old): convx sync --match-name exports its sessions too.',
      'Sessions recorded in its subfolders: leave out --no-recursive.',
    ]);
  });

  it('prints nothing of it with --json or --quiet', async () => {
    const repo = join(projects, 'other');
    await git(['init', '--quiet', repo], { cwd: projects });
    expect((await sync(repo, '--quiet')).stdout).toBe('');
    expect(JSON.parse((await sync(repo, '--json')).stdout).totals.discovered).toBe(6);
  });
});

describe('nearestFolders', () => {
  it('orders by shared leading folders, then sessions, then path, and keeps three', () => {
    const folders = [
      { folder: '/home/a/code/zeta', sessions: 1 },
      { folder: '/home/a/code/app/web', sessions: 1 },
      { folder: '/home/a/notes', sessions: 9 },
      { folder: '/home/a/code/beta', sessions: 4 },
      { folder: '/srv/app', sessions: 20 },
    ];
    expect(nearestFolders(folders, '/home/a/code/app').map((f) => f.folder)).toEqual([
      '/home/a/code/app/web',
      '/home/a/code/beta',
      '/home/a/code/zeta',
    ]);
    expect(nearestFolders(folders, 'C:\\Users\\a').map((f) => f.folder)[0]).toBe('/srv/app');
  });
});
