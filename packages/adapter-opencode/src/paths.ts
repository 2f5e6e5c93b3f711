import { isAbsolute, join } from 'node:path';
import type { LocationEnv } from '@convx/core';

/** OpenCode's data folder: `$XDG_DATA_HOME/opencode`, else `<home>/.local/share/opencode`. */
export function defaultLocations(env: LocationEnv): string[] {
  const xdg = env.env.XDG_DATA_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.home, '.local', 'share');
  return [join(base, 'opencode')];
}

export const DB_FILE = 'opencode.db';
export const STORAGE_DIR = 'storage';
