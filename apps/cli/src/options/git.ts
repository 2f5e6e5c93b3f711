import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

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
