import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConvxError } from '@convx/core';
import { GitCommandError, git } from './run.js';

/** True when `dir` is inside a git working tree (a linked worktree or submodule counts). */
export async function isGitRepo(dir: string): Promise<boolean> {
  try {
    return (await git(['rev-parse', '--is-inside-work-tree'], { cwd: dir })) === 'true';
  } catch (error) {
    if (error instanceof GitCommandError) return false;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Creates `dir` if needed and runs `git init` in it. Running it on an existing repository is harmless. */
export async function gitInit(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  try {
    await git(['init', '--quiet'], { cwd: dir });
  } catch (error) {
    if (!(error instanceof GitCommandError)) throw error;
    throw new ConvxError(
      'OUTPUT_NOT_A_REPO',
      `git init ${dir} failed: ${error.stderr || error.message}`,
      undefined,
      {
        cause: error,
      },
    );
  }
}

/** The top folder of the working tree containing `dir`, or undefined outside a repository. */
export async function showToplevel(dir: string): Promise<string | undefined> {
  try {
    const top = await git(['rev-parse', '--show-toplevel'], { cwd: dir });
    return top ? resolve(top) : undefined;
  } catch (error) {
    if (error instanceof GitCommandError || (error as NodeJS.ErrnoException).code === 'ENOENT')
      return undefined;
    throw error;
  }
}

/**
 * The top folder of the working tree containing `dir` and the repository's common git dir (shared by all
 * worktrees), both absolute, from one git process; undefined outside a repository.
 */
export async function locateRepo(dir: string): Promise<{ root: string; commonDir: string } | undefined> {
  let output: string;
  try {
    output = await git(['rev-parse', '--show-toplevel', '--git-common-dir'], { cwd: dir });
  } catch (error) {
    if (error instanceof GitCommandError || (error as NodeJS.ErrnoException).code === 'ENOENT')
      return undefined;
    throw error;
  }
  const [top, common] = output.split(/\r?\n/);
  // The common dir comes relative to `dir` when it is below it (`.git`, `../../.git`).
  return top && common ? { root: resolve(top), commonDir: resolve(dir, common) } : undefined;
}

/** The repository's common git dir (shared by all worktrees), absolute. */
export async function commonGitDir(repo: string): Promise<string> {
  return resolve(repo, await git(['rev-parse', '--git-common-dir'], { cwd: repo }));
}

/** A path inside the git dir (`hooks`, `index`), honouring worktrees and `core.hooksPath`; absolute. */
export async function gitPath(repo: string, name: string): Promise<string> {
  return resolve(repo, await git(['rev-parse', '--git-path', name], { cwd: repo }));
}
