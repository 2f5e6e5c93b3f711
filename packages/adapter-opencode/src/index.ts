import { defineAdapter } from '@convx/core';
import { discoverSessions } from './discover.js';
import { loadSession } from './load.js';
import { defaultLocations } from './paths.js';
import type { OpencodeRefData } from './types.js';

/**
 * Options of the OpenCode adapter. It takes none today: where OpenCode keeps its data is the location
 * (`XDG_DATA_HOME`, or `--input opencode=<folder>`), and both stores are read as written. The factory exists
 * so every adapter is built, and named in a run, the same way.
 */
export type OpencodeAdapterOptions = Record<string, never>;

/**
 * An OpenCode adapter: sessions from `opencode.db` (opened read-only) and the older JSON storage tree, the
 * fresher copy winning when both hold one, subagent sessions nested under their parent.
 */
export function createOpencodeAdapter(_options: OpencodeAdapterOptions = {}) {
  return defineAdapter<OpencodeRefData>(
    {
      name: 'opencode',
      displayName: 'OpenCode',
      defaultLocations,
      discover: discoverSessions,
      load: loadSession,
    },
    '@convx/adapter-opencode',
  );
}

/** The OpenCode adapter with its defaults. */
export const opencodeAdapter = createOpencodeAdapter();
export default opencodeAdapter;
export type { OcMessage, OcPart, OcPlan, OcSessionInfo, OpencodeRefData } from './types.js';
