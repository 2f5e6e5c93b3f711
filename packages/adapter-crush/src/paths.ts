import { posix, win32 } from 'node:path';
import type { LocationEnv } from '@convx/core';

/**
 * Crush's global data folder, which holds the `projects.json` index of every project it ran in:
 * `$CRUSH_GLOBAL_DATA`, else `$XDG_DATA_HOME/crush`, else `<home>/.local/share/crush` (macOS and Linux) or
 * `%LOCALAPPDATA%\crush` (Windows).
 */
export function globalDataDir({ home, env, platform }: LocationEnv): string {
  const path = platform === 'win32' ? win32 : posix;
  if (env.CRUSH_GLOBAL_DATA && path.isAbsolute(env.CRUSH_GLOBAL_DATA)) return env.CRUSH_GLOBAL_DATA;
  if (env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME)) return path.join(env.XDG_DATA_HOME, 'crush');
  if (platform === 'win32') {
    const local =
      env.LOCALAPPDATA && win32.isAbsolute(env.LOCALAPPDATA)
        ? env.LOCALAPPDATA
        : win32.join(home, 'AppData', 'Local');
    return win32.join(local, 'crush');
  }
  return posix.join(home, '.local', 'share', 'crush');
}

/** Where Crush looks: the global data folder (its `projects.json`), and the home folder, walked a few levels. */
export function defaultLocations(env: LocationEnv): string[] {
  return [globalDataDir(env), env.home];
}

export const DATA_DIR = '.crush';
export const DB_FILE = 'crush.db';
export const PROJECTS_FILE = 'projects.json';
