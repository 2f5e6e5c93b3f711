import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * Resolves a path flag against the working directory, expanding a leading `~` — shells leave it alone in
 * `--output-path=~/x` and `codex=~/x`.
 */
export function resolvePathFlag(cwd: string, value: string): string {
  if (value === '~') return homedir();
  if (value.startsWith('~/') || value.startsWith('~\\')) return resolve(homedir(), value.slice(2));
  return resolve(cwd, value);
}

/** A config path: `~/` is the home directory, a relative path is relative to the repository root. */
export function resolveConfigPath(path: string, root: string, home = homedir()): string {
  if (path === '~' || path.startsWith('~/') || path.startsWith('~\\')) return join(home, path.slice(2));
  return isAbsolute(path) || /^[a-z]:[\\/]/i.test(path) ? path : resolve(root, path);
}
