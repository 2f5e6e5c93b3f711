import { posix, win32 } from 'node:path';
import type { LocationEnv } from '@convx/core';

/**
 * Cursor's user-data folder (`…/Cursor/User`) for the platform: the folder that holds
 * `globalStorage/state.vscdb` and `workspaceStorage/<hash>/`.
 * - macOS: `<home>/Library/Application Support/Cursor/User`
 * - Linux and others: `$XDG_CONFIG_HOME/Cursor/User`, else `<home>/.config/Cursor/User`
 * - Windows: `%APPDATA%\Cursor\User`, else `<home>\AppData\Roaming\Cursor\User`
 */
export function cursorUserDirs({ home, env, platform }: LocationEnv): string[] {
  switch (platform) {
    case 'darwin':
      return [posix.join(home, 'Library', 'Application Support', 'Cursor', 'User')];
    case 'win32': {
      const appData = env.APPDATA && win32.isAbsolute(env.APPDATA) ? env.APPDATA : undefined;
      return [win32.join(appData ?? win32.join(home, 'AppData', 'Roaming'), 'Cursor', 'User')];
    }
    default: {
      // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
      const xdg =
        env.XDG_CONFIG_HOME && posix.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : undefined;
      return [posix.join(xdg ?? posix.join(home, '.config'), 'Cursor', 'User')];
    }
  }
}
