import { type Adapter, defineAdapter } from '@convx/core';
import { discoverSessions } from './discover.js';
import { loadSession } from './load.js';
import { defaultLocations } from './paths.js';
import type { CrushRefData } from './types.js';

/**
 * Options of {@link createCrushAdapter}. It takes none: where Crush keeps its databases (the global data
 * folder's `projects.json` index, `.crush/crush.db` up to three levels below the home folder) is the location,
 * which a run overrides with its input paths.
 */
export type CrushAdapterOptions = Record<string, never>;

/**
 * Reads Crush (charmbracelet/crush) sessions from every project's `.crush/crush.db`, read-only (also what
 * lives only in the write-ahead log), with subagent sessions nested under their parent.
 */
export function createCrushAdapter(_options: CrushAdapterOptions = {}): Adapter<CrushRefData> {
  return defineAdapter<CrushRefData>(
    {
      name: 'crush',
      displayName: 'Crush',
      defaultLocations,
      discover: discoverSessions,
      load: loadSession,
    },
    '@convx/adapter-crush',
  );
}

export const crushAdapter = createCrushAdapter();
export default crushAdapter;
export { cleanTitle } from './load.js';
export type { CrushRefData } from './types.js';
