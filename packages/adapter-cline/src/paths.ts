import { posix, win32 } from 'node:path';
import { type LocationEnv, vscodeUserDir, vscodeUserSetting } from '@convx/core';

/** The VS Code-family editors whose user folders hold extension storage, by their folder name. */
export const DEFAULT_EDITORS = ['Code', 'Code - Insiders', 'VSCodium', 'Cursor', 'Windsurf'];

/** Server folders of remote hosts (SSH, WSL, containers, Codespaces) that keep a `data/User` folder. */
const REMOTE_SERVERS = [
  '.vscode-server',
  '.vscode-server-insiders',
  '.vscode-remote',
  '.vscodium-server',
  '.cursor-server',
  '.windsurf-server',
];

/**
 * Every `globalStorage/<extensionId>` folder of the platform's editors, then those of remote servers:
 * - macOS: `<home>/Library/Application Support/<editor>/User/globalStorage/<id>`
 * - Linux: `$XDG_CONFIG_HOME/<editor>/…`, else `<home>/.config/<editor>/…`
 * - Windows: `%APPDATA%\<editor>\…`, else `<home>\AppData\Roaming\<editor>\…`
 * - remote: `<home>/.vscode-server/data/User/globalStorage/<id>` and its siblings (Insiders, Codespaces'
 *   `.vscode-remote`, VSCodium, Cursor, Windsurf).
 */
export function extensionStorageDirs(
  locationEnv: LocationEnv,
  extensionId: string,
  editors: readonly string[],
): string[] {
  const { home, platform } = locationEnv;
  const path = platform === 'win32' ? win32 : posix;
  const local = editors.map((editor) =>
    path.join(vscodeUserDir(locationEnv, editor), 'globalStorage', extensionId),
  );
  const remote = REMOTE_SERVERS.map((server) =>
    path.join(home, server, 'data', 'User', 'globalStorage', extensionId),
  );
  return [...local, ...remote];
}

/**
 * The folders an editor's user settings moved the extension's storage to (`storageSetting`, e.g. Roo Code's
 * `roo-cline.customStoragePath`: the whole base, tasks under `<folder>/tasks/`), once each. Only an absolute
 * path counts, as the extension itself requires.
 */
export function customStorageDirs(
  locationEnv: LocationEnv,
  storageSetting: string,
  editors: readonly string[],
): string[] {
  const path = locationEnv.platform === 'win32' ? win32 : posix;
  const dirs = editors
    .map((editor) => vscodeUserSetting(locationEnv, editor, storageSetting))
    .filter((dir): dir is string => typeof dir === 'string' && path.isAbsolute(dir));
  return [...new Set(dirs)];
}

/**
 * The Cline CLI/SDK data folder (also the JetBrains plugin's): `$CLINE_DATA_DIR`, else `$CLINE_DIR/data`,
 * else `<home>/.cline/data`. It holds `tasks/` (extension format) and `sessions/` (SDK format).
 */
export function clineDataDir({ home, env, platform }: LocationEnv): string {
  const path = platform === 'win32' ? win32 : posix;
  if (env.CLINE_DATA_DIR && path.isAbsolute(env.CLINE_DATA_DIR)) return env.CLINE_DATA_DIR;
  if (env.CLINE_DIR && path.isAbsolute(env.CLINE_DIR)) return path.join(env.CLINE_DIR, 'data');
  return path.join(home, '.cline', 'data');
}

/** File names inside a task folder. */
export const TASK_FILES = {
  api: 'api_conversation_history.json',
  ui: 'ui_messages.json',
  legacyUi: 'claude_messages.json',
  metadata: 'task_metadata.json',
  historyItem: 'history_item.json',
} as const;
