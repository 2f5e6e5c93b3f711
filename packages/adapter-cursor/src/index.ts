import { defineAdapter, type SessionRef } from '@convx/core';
import { discoverUserDir } from './discover.js';
import { loadCursorSession } from './load.js';
import { cursorUserDirs } from './paths.js';
import type { CursorRefData } from './types.js';

/**
 * Options of the Cursor adapter. It takes none today: where Cursor keeps its databases is the location
 * (`--input cursor=<user-data folder>`), and everything else is read as the databases say. The factory
 * exists so every adapter is built, and named in a run, the same way.
 */
export type CursorAdapterOptions = Record<string, never>;

/**
 * A Cursor adapter: chat tabs, inline composers and bubble-per-row composers from the SQLite stores under
 * Cursor's user-data folder, each mapped to its workspace's project. Databases are opened read-only; loads
 * share one connection per run (`ctx.memo`), closed when the run ends.
 */
export function createCursorAdapter(_options: CursorAdapterOptions = {}) {
  return defineAdapter<CursorRefData>(
    {
      name: 'cursor',
      displayName: 'Cursor',
      defaultLocations: cursorUserDirs,
      async discover(ctx, locations) {
        const refs: SessionRef<CursorRefData>[] = [];
        for (const location of locations) {
          for (const ref of await discoverUserDir(ctx, location)) refs.push(ref);
        }
        return refs;
      },
      load: loadCursorSession,
    },
    '@convx/adapter-cursor',
  );
}

/** The Cursor adapter with its defaults. */
export const cursorAdapter = createCursorAdapter();
export default cursorAdapter;
/** @deprecated Use `fileUriToPath` from `@convx/core`, which this package now shares with the other VS Code-family adapters. */
export { fileUriToPath as uriToPath } from '@convx/core';
export { cursorUserDirs } from './paths.js';
export type { CursorRefData } from './types.js';
