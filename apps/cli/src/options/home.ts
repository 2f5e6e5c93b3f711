import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import type { LocationEnv } from '@convx/core';
import { usageError } from '../errors.js';
import type { CliIO } from '../io.js';
import { resolvePathFlag } from './tilde.js';

export interface HomeChoice {
  /** Where default source locations are read and what project folders are relative to. */
  home: string;
  locationEnv: LocationEnv;
}

/**
 * `--home DIR` reads every default location relative to DIR. The tools' own variables (CODEX_HOME,
 * CLAUDE_CONFIG_DIR, XDG_DATA_HOME, APPDATA…) are ignored then, because they point into the real home.
 */
export async function resolveHome(raw: string | undefined, io: CliIO): Promise<HomeChoice> {
  if (raw === undefined) {
    const home = homedir();
    return { home, locationEnv: { home, env: io.env, platform: io.platform } };
  }
  const home = resolvePathFlag(io.cwd, raw);
  const info = await stat(home).catch(() => undefined);
  if (!info?.isDirectory())
    throw usageError(
      `--home ${home} is not an existing folder; pass the folder to read default source locations from.`,
    );
  return { home, locationEnv: { home, env: {}, platform: io.platform } };
}
