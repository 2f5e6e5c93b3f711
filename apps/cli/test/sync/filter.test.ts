import { mkdir, rename, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git } from '../../src/git/run.js';
import {
  comparable,
  createSessionFilter,
  describeRepo,
  findRepoRoot,
  parseWorktreeList,
} from '../../src/sync/index.js';
import { cleanupTemp, tempDir, tempRepo } from '../git/temp-repo.js';

afterAll(cleanupTemp);

const pick = (filter: (s: { cwd?: string }) => boolean, cwds: string[]) =>
  cwds.filter((cwd) => filter({ cwd }));

describe('createSessionFilter: path rules', () => {
  const cwds = [
    '/code/app',
    '/code/app/',
    '/code/app/src/lib',
    '/code/app2',
    '/code/ap',
    '/code',
    '/elsewhere/app',
    '/elsewhere/app/src',
    'code/app',
    '',
  ];

  it('takes the repository folder and everything below it, never a prefix-but-not-parent', () => {
    const { filter } = createSessionFilter({ root: '/code/app' });
    expect(pick(filter, cwds)).toEqual(['/code/app', '/code/app/', '/code/app/src/lib']);
    expect(filter({})).toBe(false);
  });

  it('takes exactly the folder with recursive: false, and a subfolder when run from one', () => {
    expect(pick(createSessionFilter({ root: '/code/app/', recursive: false }).filter, cwds)).toEqual([
      '/code/app',
      '/code/app/',
    ]);
    const sub = createSessionFilter({ root: '/code/app', cwd: '/code/app/src' });
    expect(pick(sub.filter, [...cwds, '/code/app/src', '/code/app/srcx'])).toEqual([
      '/code/app/src/lib',
      '/code/app/src',
    ]);
  });

  it('matches by folder name only with matchName', () => {
    const named = createSessionFilter({ root: '/code/app', matchName: true });
    expect(pick(named.filter, cwds)).toEqual([
      '/code/app',
      '/code/app/',
      '/code/app/src/lib',
      '/elsewhere/app',
      '/elsewhere/app/src',
    ]);
    const namedSub = createSessionFilter({ root: '/code/app', cwd: '/code/app/src', matchName: true });
    expect(pick(namedSub.filter, ['/x/app/src', '/x/app/src/deep', '/x/app/docs', '/x/app'])).toEqual([
      '/x/app/src',
      '/x/app/src/deep',
    ]);
  });

  it('compares Windows-style cwds case-insensitively with either separator', () => {
    const { filter } = createSessionFilter({ root: 'C:/Users/Me/app' });
    expect(
      pick(filter, [
        'c:\\users\\me\\app',
        'C:\\Users\\Me\\app\\src\\',
        'C:/Users/Me/app2',
        'D:\\Users\\Me\\app',
      ]),
    ).toEqual(['c:\\users\\me\\app', 'C:\\Users\\Me\\app\\src\\']);
  });

  it('includes sessions in other worktrees at the same subfolder', () => {
    const { filter } = createSessionFilter({
      root: '/code/app',
      cwd: '/code/app/api',
      worktrees: [
        { path: '/code/app', bare: false },
        { path: '/code/app-feature', bare: false },
      ],
    });
    expect(
      pick(filter, [
        '/code/app-feature/api/v1',
        '/code/app-feature/web',
        '/code/app-feature',
        '/code/app/api',
      ]),
    ).toEqual(['/code/app-feature/api/v1', '/code/app/api']);
  });

  it('has a stable filterId that changes with the parameters', () => {
    const a = createSessionFilter({ root: '/code/app' }).filterId;
    expect(createSessionFilter({ root: '/code/app/' }).filterId).toBe(a);
    expect(createSessionFilter({ root: '/code/app', recursive: false }).filterId).not.toBe(a);
    expect(createSessionFilter({ root: '/code/app', matchName: true }).filterId).not.toBe(a);
    expect(a).toMatch(/^sync-cwd:[0-9a-f]{16}$/);
  });

  it('rejects a cwd outside the root', () => {
    expect(() => createSessionFilter({ root: '/code/app', cwd: '/code/app2' })).toThrow(
      '/code/app2 is not inside the repository /code/app.',
    );
  });

  it('normalizes paths for comparison', () => {
    expect(comparable('C:\\Users\\x\\..\\y\\').path).toBe('c:/Users/y');
    expect(comparable('/a//b/./c/').path).toBe('/a/b/c');
    expect(comparable('/').path).toBe('/');
  });
});

describe('createSessionFilter: real repositories', () => {
  it('compares both the symlinked and the real form of the root and of recorded cwds', async () => {
    const base = await tempDir();
    await mkdir(join(base, 'real/app/src'), { recursive: true });
    await symlink(join(base, 'real'), join(base, 'link'));
    const viaReal = createSessionFilter({ root: join(base, 'real/app') });
    const viaLink = createSessionFilter({ root: join(base, 'link/app') });
    for (const { filter } of [viaReal, viaLink]) {
      expect(filter({ cwd: join(base, 'link/app/src') })).toBe(true);
      expect(filter({ cwd: join(base, 'real/app') })).toBe(true);
      expect(filter({ cwd: join(base, 'real') })).toBe(false);
    }
  });

  it('finds the repository root, or explains what to do outside one', async () => {
    const repo = await tempRepo({ commit: true });
    await mkdir(join(repo, 'deep/er'), { recursive: true });
    expect(await findRepoRoot(join(repo, 'deep/er'))).toBe(repo);
    await expect(findRepoRoot(await tempDir())).rejects.toThrow(
      'This folder is not inside a git repository: sync writes into the current repository, so cd into one, or use convx backup.',
    );
  });

  it('describes the repository alike from a folder deep in a linked worktree, and refuses outside one', async () => {
    const repo = await tempRepo({ commit: true });
    const linked = join(await tempDir(), 'linked');
    await git(['worktree', 'add', '--quiet', '-b', 'side', linked], { cwd: repo });
    await mkdir(join(linked, 'a/b'), { recursive: true });
    const fromMain = await describeRepo(join(repo));
    const fromDeep = await describeRepo(join(linked, 'a/b'));
    expect(fromMain.root).toBe(repo);
    expect(fromMain.commonDir).toBe(join(repo, '.git'));
    expect(fromDeep).toEqual({ ...fromMain, root: linked });
    await expect(describeRepo(await tempDir())).rejects.toThrow('This folder is not inside a git repository');
  });

  it('includes linked worktrees, gone ones, and moved ones recognized by their .git file', async () => {
    const repo = await tempRepo({ commit: true });
    const parent = await tempDir();
    const [kept, gone, moved] = ['kept', 'gone', 'moved'].map((name) => join(parent, name)) as [
      string,
      string,
      string,
    ];
    for (const [path, branch] of [
      [kept, 'a'],
      [gone, 'b'],
      [moved, 'c'],
    ] as const) {
      await git(['worktree', 'add', '--quiet', '-b', branch, path], { cwd: repo });
    }
    await rm(gone, { recursive: true, force: true });
    await rename(moved, `${moved}-elsewhere`);
    await mkdir(`${moved}-elsewhere/src`);

    const context = await describeRepo(join(repo));
    const listed = context.worktrees.map((w) => [w.path, w.branch, w.main, w.prunable]);
    expect(listed[0]).toEqual([repo, 'main', true, false]);
    expect(listed.slice(1).sort()).toEqual([
      [gone, 'b', false, true],
      [kept, 'a', false, false],
      [moved, 'c', false, true],
    ]);
    const { filter } = createSessionFilter({ ...context, cwd: repo });
    expect(
      pick(filter, [
        join(kept, 'src'),
        join(gone, 'pkg'),
        `${moved}-elsewhere/src`,
        join(parent, 'unrelated'),
        join(parent, 'kept2'),
      ]),
    ).toEqual([join(kept, 'src'), join(gone, 'pkg'), `${moved}-elsewhere/src`]);
    // Without the common dir a moved worktree is not knowable.
    const { filter: plain } = createSessionFilter({ root: repo, worktrees: context.worktrees });
    expect(plain({ cwd: `${moved}-elsewhere/src` })).toBe(false);
  });

  it('leaves out sessions recorded inside another repository nested in this one (a submodule, a clone)', async () => {
    const repo = await tempRepo({ commit: true });
    const library = await tempRepo({ commit: true });
    await git(['-c', 'protocol.file.allow=always', 'submodule', 'add', '--quiet', library, 'vendor/lib'], {
      cwd: repo,
    });
    const clone = join(repo, 'experiments', 'other');
    await mkdir(clone, { recursive: true });
    await git(['init', '--quiet'], { cwd: clone });
    await mkdir(join(repo, 'src'), { recursive: true });
    const context = await describeRepo(repo);
    const { filter } = createSessionFilter({ ...context, cwd: repo });
    expect(
      pick(filter, [
        repo,
        join(repo, 'src'),
        join(repo, 'vendor', 'lib'),
        join(clone, 'deep'),
        clone,
        join(repo, 'experiments'),
        join(repo, 'was-deleted'),
      ]),
    ).toEqual([repo, join(repo, 'src'), join(repo, 'experiments'), join(repo, 'was-deleted')]);
  });

  it('parses porcelain worktree lists, bare and detached ones included', () => {
    const list = parseWorktreeList(
      'worktree /r/main.git\nbare\n\nworktree /r/wt\nHEAD 1234\ndetached\n\nworktree /r/f\nHEAD 55\nbranch refs/heads/feat/x\nprunable gitdir file points to non-existent location\n',
    );
    expect(list).toEqual([
      { path: '/r/main.git', main: true, bare: true, prunable: false },
      { path: '/r/wt', main: false, bare: false, prunable: false },
      { path: '/r/f', branch: 'feat/x', main: false, bare: false, prunable: true },
    ]);
  });
});
