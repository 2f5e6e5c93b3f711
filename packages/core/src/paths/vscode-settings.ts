import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { posix, win32 } from 'node:path';
import type { LocationEnv } from '../contract/adapter.js';
import { isRecord } from '../model/json-view.js';
import { vscodeUserDir } from './vscode-user-dir.js';

/**
 * One setting from a VS Code-family editor's user settings (`<user folder>/settings.json`, JSONC: comments
 * and trailing commas allowed), or undefined when the file is missing, unreadable or does not set it.
 * Synchronous, for `defaultLocations` (an extension that lets its storage be moved, like Roo Code's
 * `roo-cline.customStoragePath`): a read of one small file, parsed only when it names the key, so a run
 * whose settings do not mention it loads no JSONC parser.
 */
export function vscodeUserSetting(locationEnv: LocationEnv, product: string, key: string): unknown {
  const path = locationEnv.platform === 'win32' ? win32 : posix;
  let text: string;
  try {
    text = readFileSync(path.join(vscodeUserDir(locationEnv, product), 'settings.json'), 'utf8');
  } catch {
    return undefined;
  }
  if (!text.includes(JSON.stringify(key))) return undefined;
  // jsonc-parser's CommonJS build, required where it is needed: `defaultLocations` cannot await an import.
  const { parse } = createRequire(import.meta.url)('jsonc-parser') as typeof import('jsonc-parser');
  const settings: unknown = parse(text, [], { allowTrailingComma: true });
  return isRecord(settings) ? settings[key] : undefined;
}
