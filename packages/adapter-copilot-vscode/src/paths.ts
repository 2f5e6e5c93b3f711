import { posix, win32 } from 'node:path';
import type { LocationEnv } from '@convx/core';

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
  { home, env, platform }: LocationEnv,
  products: readonly string[] = DEFAULT_PRODUCTS,
): string[] {
  const path = platform === 'win32' ? win32 : posix;
  const base = configBase(home, env, platform);
  const dirs = products.map((product) => path.join(base, product, 'User'));
  if (env.VSCODE_PORTABLE && path.isAbsolute(env.VSCODE_PORTABLE)) {
    dirs.push(path.join(env.VSCODE_PORTABLE, 'user-data', 'User'));
  }
  for (const server of REMOTE_SERVER_DIRS) dirs.push(path.join(home, server, 'data', 'User'));
  return dirs;
}

function configBase(home: string, env: LocationEnv['env'], platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return posix.join(home, 'Library', 'Application Support');
    case 'win32':
      return env.APPDATA && win32.isAbsolute(env.APPDATA)
        ? env.APPDATA
        : win32.join(home, 'AppData', 'Roaming');
    default:
      // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
      return env.XDG_CONFIG_HOME && posix.isAbsolute(env.XDG_CONFIG_HOME)
        ? env.XDG_CONFIG_HOME
        : posix.join(home, '.config');
  }
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
