import { defineAdapter } from '@convx/core';
import { discoverSessions } from './discover.js';
import { loadSession } from './load.js';
import { defaultLocations } from './paths.js';
import type { ContinueRefData } from './types.js';

/** Options of {@link createContinueAdapter}. */
export interface ContinueAdapterOptions {
  /**
   * The source name: keys, output folders and `--source-system` use it.
   * @default 'continue'
   */
  name?: string;
  /**
   * The human name in reports.
   * @default 'Continue'
   */
  displayName?: string;
}

/**
 * Reads Continue sessions (VS Code, JetBrains and the `cn` CLI share them) from `~/.continue/sessions/*.json`
 * or `$CONTINUE_GLOBAL_DIR/sessions`.
 */
export function createContinueAdapter(options: ContinueAdapterOptions = {}) {
  const name = options.name ?? 'continue';
  return defineAdapter<ContinueRefData>(
    {
      name,
      displayName: options.displayName ?? 'Continue',
      defaultLocations,
      discover: discoverSessions,
      load: (ctx, ref) => loadSession(ctx, ref, name),
    },
    '@convx/adapter-continue',
  );
}

export const continueAdapter = createContinueAdapter();
export default continueAdapter;
export type { ContinueRefData, IndexEntry } from './types.js';
