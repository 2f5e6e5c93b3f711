import { isAbsolute, join } from 'node:path';
import type { LocationEnv } from '@convx/core';

/** Where Continue keeps its files: `~/.continue` on every OS (`%USERPROFILE%\.continue` on Windows). */
export const CONTINUE_DIR = '.continue';
export const SESSIONS_DIR = 'sessions';
/** The index of sessions Continue keeps beside them; it misses some sessions, so files are listed too. */
export const INDEX_FILE = 'sessions.json';

/**
 * `$CONTINUE_GLOBAL_DIR/sessions` when the variable names an absolute folder (it replaces `~/.continue` for
 * the VS Code and JetBrains extensions and the `cn` CLI), then `<home>/.continue/sessions`, where sessions
 * written before the variable was set stay.
 */
export function defaultLocations(env: LocationEnv): string[] {
  const out: string[] = [];
  const global = env.env.CONTINUE_GLOBAL_DIR?.trim();
  if (global && isAbsolute(global)) out.push(join(global, SESSIONS_DIR));
  const home = join(env.home, CONTINUE_DIR, SESSIONS_DIR);
  if (!out.includes(home)) out.push(home);
  return out;
}
