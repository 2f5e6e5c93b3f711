import { existsSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { isConvxError } from '@convx/core';
import { afterAll, describe, expect, it } from 'vitest';
import { commitPaths, git, pushWithRetry } from '../../src/git/index.js';
import { cleanupTemp, tempDir, tempRepo, writeFileIn } from './temp-repo.js';

// Several machines back up into one remote, each into its own folders: a push refused because another
// machine pushed first is fetched, rebased and pushed again; only a real conflict stops it, keeping the
// local commit and leaving the repository clean.

afterAll(cleanupTemp);

/** A bare remote with one commit, and two clones of it (two machines), each with an identity. */
async function machines() {
  const remote = join(await tempDir('convx-remote-'), 'history.git');
  await git(['init', '--quiet', '--bare', '--initial-branch=main', remote], { cwd: await tempDir() });
  const seed = await tempRepo({ commit: true });
  await git(['remote', 'add', 'origin', remote], { cwd: seed });
  await git(['push', '--quiet', '-u', 'origin', 'main'], { cwd: seed });
  const clone = async (name: string) => {
    const dir = join(await tempDir(`convx-${name}-`), 'history');
    await git(['clone', '--quiet', remote, dir], { cwd: await tempDir() });
    await git(['config', 'user.name', `Machine ${name}`], { cwd: dir });
    await git(['config', 'user.email', `${name}@example.invalid`], { cwd: dir });
    await git(['config', 'commit.gpgsign', 'false'], { cwd: dir });
    return dir;
  };
  return { remote, a: await clone('a'), b: await clone('b') };
}

/** A machine's backup: one file in its own folder, committed like convx does. */
async function backup(repo: string, machine: string, name: string, text = `${name}\n`) {
  await writeFileIn(repo, `history/u/codex/${machine}/${name}.md`, text);
  return commitPaths({ repo, paths: ['history'], message: `convx: 1 new session (${machine})` });
}

const log = (repo: string, rev = 'main') =>
  git(['log', '--format=%s', rev], { cwd: repo }).then((out) => out.split('\n'));
const tree = (repo: string, rev = 'main') =>
  git(['ls-tree', '-r', '--name-only', rev], { cwd: repo }).then((out) => out.split('\n'));
const noWait = { wait: async () => {} };

describe('pushWithRetry across machines', () => {
  it('rebases this machine’s commit onto another machine’s push and pushes it, keeping author and message', async () => {
    const { remote, a, b } = await machines();
    await backup(a, 'a', 'first');
    expect(await pushWithRetry(a, noWait)).toMatchObject({ attempts: 1, rebased: 0 });
    const mine = await backup(b, 'b', 'second');
    const before = await git(['log', '-1', '--format=%an|%ae|%ad|%B', mine ?? 'HEAD'], { cwd: b });
    // The person's own staged change in the backup repository stays staged.
    await writeFileIn(b, 'notes.txt', 'mine\n');
    await git(['add', 'notes.txt'], { cwd: b });

    const pushed = await pushWithRetry(b, noWait);
    expect(pushed).toEqual({ remote: 'origin', ref: 'refs/heads/main', attempts: 2, rebased: 1 });
    expect(await log(remote)).toEqual(['convx: 1 new session (b)', 'convx: 1 new session (a)', 'initial']);
    expect(await git(['rev-parse', 'HEAD'], { cwd: b })).toBe(
      await git(['rev-parse', 'main'], { cwd: remote }),
    );
    expect(await git(['log', '-1', '--format=%an|%ae|%ad|%B', 'HEAD'], { cwd: b })).toBe(before);
    expect(await tree(remote)).toEqual(
      expect.arrayContaining(['history/u/codex/a/first.md', 'history/u/codex/b/second.md']),
    );
    // The other machine's files are in this one's working tree too, and nothing else changed.
    expect(existsSync(join(b, 'history/u/codex/a/first.md'))).toBe(true);
    expect(await git(['status', '--porcelain'], { cwd: b })).toBe('A  notes.txt');
  });

  it('stops on a real conflict: nothing pushed, the local commit kept, the repository clean', async () => {
    const { remote, a, b } = await machines();
    await writeFileIn(a, '.convx/config.toml', 'exclude = ["~/work/**"]\n');
    await commitPaths({ repo: a, paths: ['.convx/config.toml'], message: 'convx: update settings (a)' });
    await pushWithRetry(a, noWait);
    await writeFileIn(b, '.convx/config.toml', 'exclude = ["~/clients/**"]\n');
    await backup(b, 'b', 'mine');
    const mine = await commitPaths({
      repo: b,
      paths: ['.convx/config.toml', 'history'],
      message: 'convx: update settings (b)',
    });
    const remoteHead = await git(['rev-parse', 'main'], { cwd: remote });

    const error = await pushWithRetry(b, noWait).catch((e: unknown) => e);
    expect(isConvxError(error) && error.code).toBe('GIT_FAILED');
    expect((error as Error).message).toBe(
      `Cannot push: origin/main changed .convx/config.toml differently from this machine's commit. Your commit is kept on main and nothing was pushed; run git pull --rebase in ${b}, resolve the conflict, and push.`,
    );
    expect(await git(['rev-parse', 'HEAD'], { cwd: b })).toBe(mine);
    expect(await git(['rev-parse', 'main'], { cwd: remote })).toBe(remoteHead);
    expect(await git(['status', '--porcelain'], { cwd: b })).toBe('');
    expect(existsSync(join(b, '.git/rebase-merge')) || existsSync(join(b, '.git/rebase-apply'))).toBe(false);
  });

  it('takes a file both machines wrote alike (convx’s own .gitignore) as no conflict', async () => {
    const { remote, a, b } = await machines();
    for (const [repo, machine] of [
      [a, 'a'],
      [b, 'b'],
    ] as const) {
      await writeFileIn(repo, '.convx/.gitignore', 'state/\n');
      await backup(repo, machine, 'x');
      await commitPaths({ repo, paths: ['.convx/.gitignore', 'history'], message: `convx: (${machine})` });
    }
    await pushWithRetry(a, noWait);
    expect(await pushWithRetry(b, noWait)).toMatchObject({ attempts: 2 });
    expect(await tree(remote)).toContain('.convx/.gitignore');
  });

  it('retries with growing waits while other machines keep pushing first, then gives up keeping the commit', async () => {
    const { remote, a, b } = await machines();
    // Each push from b first lets a push (its pre-push hook), the way a busy remote races: b is refused.
    const counter = join(await tempDir(), 'count');
    const race = (limit: number) =>
      [
        '#!/bin/sh',
        'unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE',
        `n=$(cat '${counter}' 2>/dev/null || echo 0); n=$((n + 1)); echo $n > '${counter}'`,
        `[ $n -le ${limit} ] || exit 0`,
        `cd '${a}' && mkdir -p history/u/codex/a && echo $n > history/u/codex/a/race-$n.md`,
        'git add history && git commit --quiet -m "convx: race $n (a)" && git push --quiet origin HEAD:main',
      ].join('\n');
    const hook = join(b, '.git/hooks/pre-push');
    await writeFileIn(b, '.git/hooks/pre-push', race(99));
    await chmod(hook, 0o755);
    await backup(b, 'b', 'patient');
    const waits: number[] = [];
    const options = {
      attempts: 3,
      delayMs: (retry: number) => retry * 10,
      wait: async (ms: number) => void waits.push(ms),
    };

    const error = await pushWithRetry(b, options).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'git push to origin/main was refused 3 times: other machines kept pushing meanwhile. Your commit is kept on main; the next run pushes it.',
    );
    expect(waits).toEqual([10, 20]);
    expect(await log(remote)).not.toContain('convx: 1 new session (b)');
    expect(await log(b, 'HEAD')).toContain('convx: 1 new session (b)');
    expect(await git(['status', '--porcelain'], { cwd: b })).toBe('');

    // Other machines stop after two more pushes: the third attempt goes through, on top of all of them.
    await writeFileIn(b, '.git/hooks/pre-push', race(5));
    const pushed = await pushWithRetry(b, options);
    expect(pushed.attempts).toBe(3);
    const history = await log(remote);
    expect(history[0]).toBe('convx: 1 new session (b)');
    expect(history.filter((s) => s.startsWith('convx: race'))).toHaveLength(5);
  });

  it('stops, changing nothing, when a local edit is in the way of the other machine’s files', async () => {
    const { a, b } = await machines();
    await writeFileIn(a, 'README.md', '# shared history, edited on a\n');
    await commitPaths({ repo: a, paths: ['README.md'], message: 'readme (a)' });
    await pushWithRetry(a, noWait);
    await writeFileIn(b, 'README.md', '# my unsaved edit\n');
    const mine = await backup(b, 'b', 'mine');
    const error = await pushWithRetry(b, noWait).catch((e: unknown) => e);
    expect(isConvxError(error) && error.code).toBe('GIT_FAILED');
    expect((error as Error).message).toMatch(
      new RegExp(
        `^Could not bring origin/main into ${b}: .*README\\.md.*Your commit is kept on main; run git pull --rebase there, then push\\.$`,
        's',
      ),
    );
    expect(await git(['rev-parse', 'HEAD'], { cwd: b })).toBe(mine);
    expect(await git(['status', '--porcelain'], { cwd: b })).toBe(' M README.md');
  });

  it('does not retry a push refused for another reason (a hook on the remote)', async () => {
    const { remote, a } = await machines();
    await writeFileIn(remote, 'hooks/pre-receive', '#!/bin/sh\necho "pushes are frozen" >&2\nexit 1\n');
    await chmod(join(remote, 'hooks/pre-receive'), 0o755);
    await backup(a, 'a', 'frozen');
    const error = await pushWithRetry(a, noWait).catch((e: unknown) => e);
    expect(isConvxError(error) && error.code).toBe('GIT_FAILED');
    expect((error as Error).message).toBe(
      `git push to origin was refused, and not because of other machines' commits; see git push in ${a}.`,
    );
  });
});
