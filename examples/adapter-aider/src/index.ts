import { ConvxError, defineAdapter } from '@convx/core';
import { discoverChats } from './discover.js';
import { loadChat } from './load.js';
import { aiderLocations } from './paths.js';
import type { AiderRefData } from './types.js';

export { HISTORY_FILE } from './paths.js';
export type { AiderRefData, ChatBlock } from './types.js';

/** Options of the Aider adapter. */
export interface AiderAdapterOptions {
  /**
   * How many folder levels below each location to search for `.aider.chat.history.md` (enough for
   * `~/code/org/project`). Dependency, VCS, cache and OS folders are never searched.
   * @default 4
   */
  depth?: number;
}

/** An Aider adapter with options (the default export uses the defaults). */
export function createAiderAdapter(options: AiderAdapterOptions = {}) {
  const { depth = 4 } = options;
  if (!Number.isInteger(depth) || depth < 0)
    throw new ConvxError(
      'INVALID_OPTION',
      `the aider adapter's depth option must be a whole number of folder levels, 0 or more (got ${JSON.stringify(depth)})`,
      'aider',
    );
  return defineAdapter<AiderRefData>(
    {
      name: 'aider',
      displayName: 'Aider',
      defaultLocations: aiderLocations,
      discover: (ctx, locations) => discoverChats(ctx, locations, depth),
      load: loadChat,
    },
    'convx-adapter-aider',
  );
}

/** The Aider adapter: reads `.aider.chat.history.md` files, one session per `# aider chat started at` block. */
export const aiderAdapter = createAiderAdapter();
export default aiderAdapter;
