import { resolve } from 'node:path';
import { ConvxError } from '@convx/core';
import { locateRepo, showToplevel } from '../git/repo.js';
import { git } from '../git/run.js';

/**
 * The root of the git working tree containing `cwd` (for a linked worktree, that worktree's root). Outside
 * a repository it is a ConvxError telling the person what to do instead.
 */
export async function findRepoRoot(cwd: string): Promise<string> {
  const root = await showToplevel(cwd);
  if (!root) throw notARepository();
  return root;
}

const notARepository = () =>
  new ConvxError(
    'OUTPUT_NOT_A_REPO',
    'This folder is not inside a git repository: sync writes into the current repository, so cd into one, or use convx backup.',
  );

export interface Worktree {
  /** The worktree's root folder as git recorded it. */
  path: string;
  branch?: string;
  /** The main (first-listed) worktree. */
  main: boolean;
  bare: boolean;
  /** Its folder is gone (git would prune it); sessions recorded there still belong to this repository. */
  prunable: boolean;
}

/** Parses `git worktree list --porcelain`: blank-line separated records of `key value` lines. */
export function parseWorktreeList(output: string): Worktree[] {
  const worktrees: Worktree[] = [];
  for (const record of output.split(/\r?\n\r?\n/)) {
    const lines = record.split(/\r?\n/).filter(Boolean);
    const path = lines.find((line) => line.startsWith('worktree '))?.slice('worktree '.length);
    if (!path) continue;
    const branch = lines.find((line) => line.startsWith('branch '))?.slice('branch '.length);
    worktrees.push({
      path,
      ...(branch ? { branch: branch.replace(/^refs\/heads\//, '') } : {}),
      main: worktrees.length === 0,
      bare: lines.includes('bare'),
      prunable: lines.some((line) => line === 'prunable' || line.startsWith('prunable ')),
    });
  }
  return worktrees;
}

/** Every worktree of the repository at `root` (the main one first), including ones whose folder is gone. */
export async function listWorktrees(root: string): Promise<Worktree[]> {
  return parseWorktreeList(await git(['worktree', 'list', '--porcelain'], { cwd: root }));
}

export interface RepoContext {
  root: string;
  worktrees: Worktree[];
  /** The git dir every worktree shares, for recognizing a moved worktree by its `.git` file. */
  commonDir: string;
}

/**
 * Everything the sync filter needs to know about the repository around `cwd`: two git processes at once,
 * both from `cwd` (git answers anywhere in the working tree), since a pre-commit hook waits for each round.
 */
export async function describeRepo(cwd: string): Promise<RepoContext> {
  const here = resolve(cwd);
  const [located, listed] = await Promise.all([locateRepo(here), listWorktrees(here).catch(() => undefined)]);
  if (!located) throw notARepository();
  // Listed from the root when the first try failed, so its error (if any) is the one reported.
  const worktrees = listed ?? (await listWorktrees(located.root));
  return { ...located, worktrees };
}
