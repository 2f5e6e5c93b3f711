// The CLI's own run plugins, named by the run specs it builds (`@convx/cli/run-plugins`): core imports this
// module by that name in the main thread and in every worker thread, and calls these factories with the
// options the spec holds. Plain functions of their options: nothing here reads flags or config.
import type { Adapter, Session } from '@convx/core';
import { combineAdapters } from './combine-adapters.js';
import { createExcludeRule, excludeWithdraw } from './options/exclude.js';
import { skipMarkerWithdraw } from './privacy/skip-marker.js';
import { createSessionFilter, type SessionFilterOptions } from './sync/filter.js';

/** The module name run specs use for this file (it resolves from the CLI's own location). */
export const RUN_PLUGINS = '@convx/cli/run-plugins';

/**
 * Sync's selection: the sessions recorded in this repository's folder (see `createSessionFilter`). It looks
 * at nothing but the recorded folder, so it is also the run's discovery scope (`includes`).
 */
export function syncSelection(options: SessionFilterOptions): ((session: Pick<Session, 'cwd'>) => boolean) & {
  id: string;
  includes: (cwd: string) => boolean;
} {
  const selection = createSessionFilter(options);
  return Object.assign(selection.filter, {
    id: selection.filterId,
    includes: (cwd: string) => selection.filter({ cwd }),
  });
}

/** Sessions of excluded projects (`exclude`, `--exclude`) are withdrawn. */
export function excludedProjects(options: {
  globs: { glob: string; from: string }[];
  home: string;
}): ReturnType<typeof excludeWithdraw> {
  const rule = createExcludeRule(options.globs, options.home);
  if (!rule) throw new Error('excludedProjects needs at least one glob');
  return excludeWithdraw(rule);
}

/** Sessions whose typed prompts contain the skip marker are withdrawn. */
export function skipMarker(options: { marker: string }): ReturnType<typeof skipMarkerWithdraw> {
  return skipMarkerWithdraw(options.marker);
}

/**
 * The `kilo` source: Kilo Code's extension task folders (the Cline-family reader) and its OpenCode-format
 * store since the 2026 rebuild (the OpenCode reader), combined. Both packages are imported only when the
 * source is selected.
 */
export async function kiloSource(_options: Record<string, never>): Promise<Adapter> {
  const [tasks, store] = await Promise.all([
    import('@convx/adapter-cline'),
    import('@convx/adapter-opencode'),
  ]);
  return combineAdapters({ name: 'kilo', displayName: 'Kilo Code' }, [tasks.kiloAdapter, store.kiloAdapter]);
}
