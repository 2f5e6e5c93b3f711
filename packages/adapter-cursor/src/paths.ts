import { type LocationEnv, vscodeUserDir } from '@convx/core';

/**
 * Cursor's user-data folder (`…/Cursor/User`) for the platform: the folder that holds
 * `globalStorage/state.vscdb` and `workspaceStorage/<hash>/`.
 * - macOS: `<home>/Library/Application Support/Cursor/User`
 * - Linux and others: `$XDG_CONFIG_HOME/Cursor/User`, else `<home>/.config/Cursor/User`
 * - Windows: `%APPDATA%\Cursor\User`, else `<home>\AppData\Roaming\Cursor\User`
 */
export function cursorUserDirs(env: LocationEnv): string[] {
  return [vscodeUserDir(env, 'Cursor')];
}
