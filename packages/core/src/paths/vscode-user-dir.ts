import { posix, win32 } from 'node:path';
import type { LocationEnv } from '../contract/adapter.js';

/**
 * The user folder (`…/<product>/User`: the one holding `workspaceStorage/` and `globalStorage/`) of a
 * VS Code-family editor, by the name of its data folder (`Code`, `Code - Insiders`, `VSCodium`, `Cursor` …):
 * - macOS: `<home>/Library/Application Support/<product>/User`
 * - Linux and others: `$XDG_CONFIG_HOME/<product>/User`, else `<home>/.config/<product>/User`
 * - Windows: `%APPDATA%\<product>\User`, else `<home>\AppData\Roaming\<product>\User`
 * A relative `XDG_CONFIG_HOME` or `APPDATA` is ignored (the XDG spec says a relative one is invalid).
 */
export function vscodeUserDir({ home, env, platform }: LocationEnv, product: string): string {
  switch (platform) {
    case 'darwin':
      return posix.join(home, 'Library', 'Application Support', product, 'User');
    case 'win32': {
      const appData = env.APPDATA && win32.isAbsolute(env.APPDATA) ? env.APPDATA : undefined;
      return win32.join(appData ?? win32.join(home, 'AppData', 'Roaming'), product, 'User');
    }
    default: {
      const xdg =
        env.XDG_CONFIG_HOME && posix.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : undefined;
      return posix.join(xdg ?? posix.join(home, '.config'), product, 'User');
    }
  }
}
