import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ConvxError } from '@convx/core';

const run = promisify(execFile);

/** The folder holding `.git` (a folder, or a file for worktrees and submodules) at or above `dir`. */
export async function findGitRoot(dir: string): Promise<string | undefined> {
  let current = dir;
  for (;;) {
    if (await stat(join(current, '.git')).catch(() => undefined)) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Runs `git init` in `dir`. */
export async function gitInit(dir: string): Promise<void> {
  try {
    await run('git', ['init', '--quiet', dir]);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ConvxError(
      'OUTPUT_NOT_A_REPO',
      missing
        ? `--init needs git, which was not found on PATH; install git or run git init ${dir} yourself.`
        : `git init ${dir} failed: ${((error as { stderr?: string }).stderr ?? String(error)).trim()}`,
      undefined,
      { cause: error },
    );
  }
}
