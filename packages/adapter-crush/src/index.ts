import { type Adapter, defineAdapter } from '@convx/core';
import { discoverSessions } from './discover.js';
import { WALK_MAX_AGE_MS } from './discover-projects.js';
import { loadSession } from './load.js';
import { defaultLocations } from './paths.js';
import type { CrushRefData } from './types.js';

/**
 * Options of {@link createCrushAdapter}. Where Crush keeps its databases (the global data folder's
 * `projects.json` index, `.crush/crush.db` up to three levels below the home folder) is the location, which
 * a run overrides with its input paths.
 */
export interface CrushAdapterOptions {
  /**
   * How old the findings of a folder's walk (kept in the discovery cache) may be before a run walks it
   * again; default one hour, 0 walks every run. `projects.json` is read and the databases found are checked every run.
   */
  walkMaxAgeMs?: number;
}

/**
 * Reads Crush (charmbracelet/crush) sessions from every project's `.crush/crush.db`, read-only (also what
 * lives only in the write-ahead log), with subagent sessions nested under their parent.
 */
export function createCrushAdapter(options: CrushAdapterOptions = {}): Adapter<CrushRefData> {
  const walkMaxAgeMs = options.walkMaxAgeMs ?? WALK_MAX_AGE_MS;
  return defineAdapter<CrushRefData>(
    {
      name: 'crush',
      displayName: 'Crush',
      defaultLocations,
      discover: (ctx, locations) => discoverSessions(ctx, locations, walkMaxAgeMs),
      load: loadSession,
    },
    '@convx/adapter-crush',
  );
}

export const crushAdapter = createCrushAdapter();
export default crushAdapter;
export { cleanTitle } from './load.js';
export type { CrushRefData } from './types.js';
