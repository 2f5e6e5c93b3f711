import { isAbsolute, join } from 'node:path';
import type { LocationEnv } from '@convx/core';

/**
 * A data folder of OpenCode's layout: `$XDG_DATA_HOME/<folder>` (an absolute `XDG_DATA_HOME` only), else
 * `<home>/.local/share/<folder>` — on macOS and Windows too, as OpenCode (and Kilo, built on it) resolve it.
 */
export function dataFolderLocations(env: LocationEnv, folder: string): string[] {
  const xdg = env.env.XDG_DATA_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.home, '.local', 'share');
  return [join(base, folder)];
}

/** OpenCode's data folder: `$XDG_DATA_HOME/opencode`, else `<home>/.local/share/opencode`. */
export function defaultLocations(env: LocationEnv): string[] {
  return dataFolderLocations(env, 'opencode');
}

export const DB_FILE = 'opencode.db';
export const STORAGE_DIR = 'storage';
