import { type Adapter, defineAdapter, type LocationEnv } from '@convx/core';
import { discoverSessions } from './discover.js';
import { loadSession } from './load.js';
import { defaultLocations } from './paths.js';
import type { CrushPlan } from './types.js';

/** Options of {@link createCrushAdapter}. */
export interface CrushAdapterOptions {
  /**
   * Where to look by default: Crush's global data folder (its `projects.json` index) and the home folder,
   * walked three levels deep for `.crush/crush.db`.
   * @default the global data folder ($CRUSH_GLOBAL_DATA, $XDG_DATA_HOME/crush, ~/.local/share/crush or %LOCALAPPDATA%\crush) and the home folder
   */
  defaultLocations?: (env: LocationEnv) => string[];
}

/**
 * Reads Crush (charmbracelet/crush) sessions from every project's `.crush/crush.db`, read-only (also what
 * lives only in the write-ahead log), with subagent sessions nested under their parent.
 */
export function createCrushAdapter(options: CrushAdapterOptions = {}): Adapter<CrushPlan> {
  return defineAdapter<CrushPlan>(
    {
      name: 'crush',
      displayName: 'Crush',
      defaultLocations: options.defaultLocations ?? defaultLocations,
      discover: discoverSessions,
      load: loadSession,
    },
    '@convx/adapter-crush',
  );
}

export const crushAdapter = createCrushAdapter();
export default crushAdapter;
export { cleanTitle } from './load.js';
export type { CrushPlan } from './types.js';
