import { homedir } from 'node:os';
import { resolve } from 'node:path';

/**
 * Resolves a path flag against the working directory, expanding a leading `~` — shells leave it alone in
 * `--output-path=~/x` and `codex=~/x`.
 */
export function resolvePathFlag(cwd: string, value: string): string {
  if (value === '~') return homedir();
  if (value.startsWith('~/') || value.startsWith('~\\')) return resolve(homedir(), value.slice(2));
  return resolve(cwd, value);
}
