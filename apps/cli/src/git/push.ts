import { setTimeout as sleep } from 'node:timers/promises';
import { ConvxError } from '@convx/core';
import { replayOnto } from './replay.js';
import { GitCommandError, git } from './run.js';

export interface PushResult {
  remote: string;
  /** The remote branch pushed to (`refs/heads/main`). */
  ref: string;
  /** Pushes tried; more than one when other machines had pushed first. */
  attempts: number;
  /** Local commits rebased onto the other machines' commits before the push went through. */
  rebased: number;
}

export interface PushOptions {
  /** Pushes to try in all (default 5). */
  attempts?: number;
  /** The wait before retry `n` (1-based; the first retry goes at once): default 1 s, 2 s, 4 s … ±50 %. */
  delayMs?: (retry: number) => number;
  /** How to wait (tests pass one that does not). */
  wait?: (ms: number) => Promise<void>;
}

const defaultDelay = (retry: number) => (retry <= 1 ? 0 : 1000 * 2 ** (retry - 2) * (0.5 + Math.random()));

/** A push the remote refused because its branch moved on (another machine pushed), not for other reasons. */
const REJECTED =
  /\[rejected\]|\[remote rejected\]|fetch first|non-fast-forward|stale info|failed to update ref|cannot lock ref|incorrect old value/i;

const gitFailed = (message: string, cause?: unknown) =>
  new ConvxError('GIT_FAILED', message, undefined, cause ? { cause } : undefined);

/** The branch and its upstream; no branch or no upstream is a clear usage error, never a guess. */
async function upstreamOf(repo: string): Promise<{ branch: string; remote: string; ref: string }> {
  const branch = await git(['symbolic-ref', '--quiet', '--short', 'HEAD'], { cwd: repo }).catch(
    () => undefined,
  );
  if (!branch) {
    throw new ConvxError(
      'INVALID_OPTION',
      `Cannot push from ${repo}: HEAD is detached; check out a branch first.`,
    );
  }
  const config = async (key: string) => git(['config', '--get', key], { cwd: repo }).catch(() => undefined);
  const remote = await config(`branch.${branch}.remote`);
  const ref = await config(`branch.${branch}.merge`);
  if (!remote || !ref) {
    throw new ConvxError(
      'INVALID_OPTION',
      `Cannot push: branch "${branch}" in ${repo} has no upstream; set one once with git push -u origin ${branch}, or leave out --push.`,
    );
  }
  return { branch, remote, ref };
}

/**
 * Pushes the current branch to its upstream. When the remote refuses because another machine pushed first,
 * it fetches the remote branch, rebases this machine's commits onto it (machines write only their own
 * folders, so that never conflicts) and pushes again, a few times with growing waits. A real conflict, or
 * a refusal for another reason, stops it with a clear message; the local commit is always kept and the
 * repository left clean, so the next run pushes it.
 */
export async function pushWithRetry(repo: string, options: PushOptions = {}): Promise<PushResult> {
  const { branch, remote, ref } = await upstreamOf(repo);
  const attempts = Math.max(1, options.attempts ?? 5);
  const delayMs = options.delayMs ?? defaultDelay;
  const wait = options.wait ?? ((ms: number) => sleep(ms).then(() => undefined));
  const target = `${remote}/${ref.replace(/^refs\/heads\//, '')}`;
  let rebased = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      await git(['push', '--quiet', remote, `HEAD:${ref}`], { cwd: repo });
      return { remote, ref, attempts: attempt, rebased };
    } catch (error) {
      if (!(error instanceof GitCommandError)) throw error;
      if (!REJECTED.test(error.stderr)) {
        throw gitFailed(`git push to ${remote} failed: ${error.stderr || error.message}`, error);
      }
      if (attempt >= attempts) {
        throw gitFailed(
          `git push to ${target} was refused ${attempts} times: other machines kept pushing meanwhile. Your commit is kept on ${branch}; the next run pushes it.`,
          error,
        );
      }
    }
    await wait(delayMs(attempt));
    const onto = await fetchBranch(repo, remote, ref);
    const result = await replayOnto(repo, onto).catch((error: unknown) => {
      if (!(error instanceof GitCommandError)) throw error;
      throw gitFailed(
        `Could not bring ${target} into ${repo}: ${error.stderr || error.message}. Your commit is kept on ${branch}; run git pull --rebase there, then push.`,
        error,
      );
    });
    switch (result.kind) {
      case 'up-to-date':
        // The remote did not move: it refused the push for another reason (a hook, permissions).
        throw gitFailed(
          `git push to ${remote} was refused, and not because of other machines' commits; see git push in ${repo}.`,
        );
      case 'conflict':
        throw gitFailed(
          `Cannot push: ${target} changed ${result.paths.join(', ')} differently from this machine's commit. Your commit is kept on ${branch} and nothing was pushed; run git pull --rebase in ${repo}, resolve the conflict, and push.`,
        );
      case 'replayed':
        rebased += result.commits;
        break;
      case 'moved':
        break;
    }
  }
}

/** Fetches the remote branch; returns the commit it points to. */
async function fetchBranch(repo: string, remote: string, ref: string): Promise<string> {
  try {
    await git(['fetch', '--quiet', '--no-tags', remote, ref], { cwd: repo });
    return await git(['rev-parse', '--verify', 'FETCH_HEAD^{commit}'], { cwd: repo });
  } catch (error) {
    if (!(error instanceof GitCommandError)) throw error;
    throw gitFailed(`git fetch from ${remote} failed: ${error.stderr || error.message}`, error);
  }
}
