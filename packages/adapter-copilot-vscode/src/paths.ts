import { posix, win32 } from 'node:path';
import { type LocationEnv, vscodeUserDir } from '@convx/core';

/** The VS Code builds whose user folders are searched, by the name of their data folder. */
export const DEFAULT_PRODUCTS = ['Code', 'Code - Insiders', 'VSCodium', 'VSCodium - Insiders'] as const;

/**
 * The server folders VS Code's remote extensions (SSH, WSL, containers, Codespaces) keep a `data/User` in,
 * under the remote machine's home: the chats of a remote window are stored there, not on the client.
 */
export const REMOTE_SERVER_DIRS = [
  '.vscode-server',
  '.vscode-server-insiders',
  '.vscode-remote',
  '.vscodium-server',
] as const;

/**
 * Every VS Code user folder (`…/<product>/User`: the folder holding `workspaceStorage/` and
 * `globalStorage/`) that may hold Copilot chats:
 * - macOS: `<home>/Library/Application Support/<product>/User`
 * - Linux and others: `$XDG_CONFIG_HOME/<product>/User`, else `<home>/.config/<product>/User`
 * - Windows: `%APPDATA%\<product>\User`, else `<home>\AppData\Roaming\<product>\User`
 * - a portable install: `$VSCODE_PORTABLE/user-data/User`
 * - remote servers on this machine (every OS): `<home>/.vscode-server/data/User` and its kin.
 */
export function copilotVscodeUserDirs(
  locationEnv: LocationEnv,
  products: readonly string[] = DEFAULT_PRODUCTS,
): string[] {
  const { home, env, platform } = locationEnv;
  const path = platform === 'win32' ? win32 : posix;
  const dirs = products.map((product) => vscodeUserDir(locationEnv, product));
  if (env.VSCODE_PORTABLE && path.isAbsolute(env.VSCODE_PORTABLE)) {
    dirs.push(path.join(env.VSCODE_PORTABLE, 'user-data', 'User'));
  }
  for (const server of REMOTE_SERVER_DIRS) dirs.push(path.join(home, server, 'data', 'User'));
  return dirs;
}

/** The product a user folder belongs to, for the session's metadata: `Code - Insiders`, `.vscode-server`. */
export function productOf(userDir: string): string | undefined {
  const parts = userDir.split(/[\\/]+/).filter(Boolean);
  if (parts.at(-1) !== 'User') return undefined;
  const parent = parts.at(-2);
  // `<server>/data/User` for remote servers, `<portable>/user-data/User` for portable installs.
  if (parent === 'data' || parent === 'user-data') return parts.at(-3);
  return parent;
}
