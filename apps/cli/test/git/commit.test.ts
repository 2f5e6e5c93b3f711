import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { commitMessage, commitPaths, git, gitInit, isGitRepo, pushWithRetry } from '../../src/git/index.js';
import { cleanupTemp, tempDir, tempRepo, writeFileIn } from './temp-repo.js';

afterAll(cleanupTemp);

const status = (repo: string) => git(['status', '--porcelain'], { cwd: repo });
const filesIn = (repo: string, rev = 'HEAD') =>
  git(['show', '--name-status', '--format=%s', rev], { cwd: repo });

describe('commitPaths', () => {
  it('commits only the given paths and leaves an unrelated staged file staged and uncommitted', async () => {
    const repo = await tempRepo({ commit: true });
    await writeFileIn(repo, 'src/app.ts', 'export const a = 1;\n');
    await git(['add', 'src/app.ts'], { cwd: repo });
    await writeFileIn(repo, 'notes.txt', 'untracked, not staged\n');
    await writeFileIn(repo, '.ai/history/me/codex/2025-06-01-1000-fix.md', '# fix\n');
    await writeFileIn(repo, '.convx/config.toml', '[sync]\nrecursive = true\n');

    const hash = await commitPaths({
      repo,
      paths: ['.ai/history', '.convx/config.toml', '.convx/.gitignore'],
      message: 'convx: 1 new session (box)',
    });

    expect(hash).toMatch(/^[0-9a-f]{40}$/);
    expect(await git(['rev-parse', 'HEAD'], { cwd: repo })).toBe(hash);
    expect((await filesIn(repo)).split('\n')).toEqual([
      'convx: 1 new session (box)',
      '',
      'A\t.ai/history/me/codex/2025-06-01-1000-fix.md',
      'A\t.convx/config.toml',
    ]);
    // The user's staged file is still staged, and the committed files are clean.
    expect((await status(repo)).split('\n').sort()).toEqual(['?? notes.txt', 'A  src/app.ts']);
  });

  it('returns undefined when nothing changed, and commits modifications and deletions later', async () => {
    const repo = await tempRepo({ commit: true });
    await writeFileIn(repo, '.ai/history/a.md', 'one\n');
    await writeFileIn(repo, '.ai/history/b.md', 'two\n');
    const first = await commitPaths({ repo, paths: ['.ai/history'], message: 'first' });
    expect(first).toBeDefined();
    expect(await commitPaths({ repo, paths: ['.ai/history'], message: 'again' })).toBeUndefined();

    await writeFileIn(repo, '.ai/history/a.md', 'one, edited\n');
    await rm(`${repo}/.ai/history/b.md`);
    const second = await commitPaths({ repo, paths: [`${repo}/.ai/history`], message: 'second' });
    expect(second).toBeDefined();
    expect((await filesIn(repo)).split('\n').slice(2)).toEqual([
      'M\t.ai/history/a.md',
      'D\t.ai/history/b.md',
    ]);
    expect(await status(repo)).toBe('');
  });

  it('makes the first commit of an empty repository', async () => {
    const repo = await tempRepo();
    await writeFileIn(repo, 'history/me/x.md', 'x\n');
    await writeFileIn(repo, 'other.txt', 'not mine\n');
    const hash = await commitPaths({
      repo,
      paths: ['history', '.convx/config.toml'],
      message: 'convx: init',
    });
    expect(hash).toBeDefined();
    expect(await git(['ls-tree', '-r', '--name-only', 'HEAD'], { cwd: repo })).toBe('history/me/x.md');
    expect(await status(repo)).toBe('?? other.txt');
  });

  it('returns undefined when none of the paths exist', async () => {
    const repo = await tempRepo({ commit: true });
    expect(await commitPaths({ repo, paths: ['.ai/history'], message: 'm' })).toBeUndefined();
  });
});

describe('pushWithRetry', () => {
  it('fails clearly without an upstream', async () => {
    const repo = await tempRepo({ commit: true });
    await expect(pushWithRetry(repo)).rejects.toThrow(
      `Cannot push: branch "main" in ${repo} has no upstream; set one once with git push -u origin main`,
    );
  });

  it('pushes the current branch to its upstream', async () => {
    const remote = await tempDir('convx-remote-');
    await git(['init', '--quiet', '--bare', '--initial-branch=main'], { cwd: remote });
    const repo = await tempRepo({ commit: true });
    await git(['remote', 'add', 'origin', remote], { cwd: repo });
    await git(['push', '--quiet', '-u', 'origin', 'main'], { cwd: repo });
    await writeFileIn(repo, 'history/a.md', 'a\n');
    const hash = await commitPaths({ repo, paths: ['history'], message: 'convx: 1 new session' });
    expect(await pushWithRetry(repo)).toEqual({
      remote: 'origin',
      ref: 'refs/heads/main',
      attempts: 1,
      rebased: 0,
    });
    expect(await git(['rev-parse', 'main'], { cwd: remote })).toBe(hash);
  });
});

describe('repository helpers', () => {
  it('ignores GIT_DIR and GIT_INDEX_FILE inherited from a hook', async () => {
    const repo = await tempRepo({ commit: true });
    const saved = { dir: process.env.GIT_DIR, index: process.env.GIT_INDEX_FILE };
    process.env.GIT_DIR = '/nonexistent/.git';
    process.env.GIT_INDEX_FILE = '/nonexistent/index';
    try {
      expect(await isGitRepo(repo)).toBe(true);
      expect(await git(['ls-files'], { cwd: repo })).toBe('README.md');
    } finally {
      for (const [name, value] of [
        ['GIT_DIR', saved.dir],
        ['GIT_INDEX_FILE', saved.index],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('tells a repository from a plain folder and initializes one', async () => {
    const dir = await tempDir();
    expect(await isGitRepo(dir)).toBe(false);
    await gitInit(`${dir}/out`);
    expect(await isGitRepo(`${dir}/out`)).toBe(true);
  });
});

describe('commitMessage', () => {
  it('counts new and updated sessions and names the machine', () => {
    expect(commitMessage({ new: 12, updated: 3 }, 'macbook')).toBe(
      'convx: 12 new, 3 updated sessions (macbook)',
    );
    expect(commitMessage({ new: 1, updated: 0 }, 'box')).toBe('convx: 1 new session (box)');
    expect(commitMessage({ new: 0, updated: 2 })).toBe('convx: 2 updated sessions');
    expect(commitMessage({ new: 0, updated: 0 }, 'box')).toBe('convx: update settings (box)');
  });
});
