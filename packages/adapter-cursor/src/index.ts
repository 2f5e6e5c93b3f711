import { defineAdapter } from '@convx/core';
import { discoverUserDir } from './discover.js';
import { loadCursorSession } from './load.js';
import { cursorUserDirs } from './locations.js';

/**
 * convx adapter for Cursor: chat tabs, inline composers and bubble-per-row composers from the SQLite stores
 * under Cursor's user-data folder, each mapped to its workspace's project. Databases are opened read-only.
 */
export const cursorAdapter = defineAdapter(
  {
    name: 'cursor',
    displayName: 'Cursor',
    defaultLocations: cursorUserDirs,
    async *discover(ctx, locations) {
      for (const location of locations) yield* discoverUserDir(ctx, location);
    },
    load: loadCursorSession,
  },
  '@convx/adapter-cursor',
);

export default cursorAdapter;
export { cursorUserDirs } from './locations.js';
export { uriToPath } from './uri.js';
