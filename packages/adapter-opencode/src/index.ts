import { defineAdapter } from '@convx/core';
import { discoverSessions } from './discover.js';
import { loadSession } from './load.js';
import { DB_FILE, dataFolderLocations } from './paths.js';
import type { OcStore, OpencodeRefData } from './types.js';

/**
 * Options of the OpenCode adapter: which store of OpenCode's format to read, and the source name it is
 * exported under. The defaults read OpenCode itself; Kilo Code keeps the same format elsewhere
 * ({@link kiloAdapter}).
 */
export interface OpencodeAdapterOptions {
  /**
   * The source name: keys, output folders and `--source-system` use it.
   * @default 'opencode'
   */
  name?: string;
  /**
   * The human name in reports and messages.
   * @default 'OpenCode'
   */
  displayName?: string;
  /**
   * The data folder under `$XDG_DATA_HOME` (else `~/.local/share`).
   * @default 'opencode'
   */
  dataFolder?: string;
  /**
   * The database file in that folder.
   * @default 'opencode.db'
   */
  databaseFile?: string;
}

/**
 * An adapter for a store of OpenCode's format: sessions from its database (opened read-only) and the older
 * JSON storage tree, the fresher copy winning when both hold one, subagent sessions nested under their parent.
 */
export function createOpencodeAdapter(options: OpencodeAdapterOptions = {}) {
  const store: OcStore = {
    source: options.name ?? 'opencode',
    displayName: options.displayName ?? 'OpenCode',
    databaseFile: options.databaseFile ?? DB_FILE,
  };
  const folder = options.dataFolder ?? 'opencode';
  return defineAdapter<OpencodeRefData>(
    {
      name: store.source,
      displayName: store.displayName,
      defaultLocations: (env) => dataFolderLocations(env, folder),
      discover: (ctx, locations) => discoverSessions(ctx, locations, store),
      load: (ctx, ref) => loadSession(ctx, ref, store.source),
    },
    '@convx/adapter-opencode',
  );
}

/** The OpenCode adapter with its defaults: `opencode.db` and `storage/` in `$XDG_DATA_HOME/opencode` or `~/.local/share/opencode`. */
export const opencodeAdapter = createOpencodeAdapter();

/**
 * Kilo Code since it was rebuilt on OpenCode (extension 2026-03+, Kilo CLI): the same format in `kilo.db` and
 * `storage/` in `$XDG_DATA_HOME/kilo` or `~/.local/share/kilo`, exported under the source name `kilo`.
 */
export const kiloAdapter = createOpencodeAdapter({
  name: 'kilo',
  displayName: 'Kilo Code',
  dataFolder: 'kilo',
  databaseFile: 'kilo.db',
});

export default opencodeAdapter;
export type { OcMessage, OcPart, OcPlan, OcSessionInfo, OcStore, OpencodeRefData } from './types.js';
