import type { DiscoveryScope, KnownOutside } from '../../contract/context.js';
import { briefRejected, isRejected } from '../../store/rejected-entry.js';
import type { SessionIndex } from '../../store/session-index.js';
import type { SyncOptions } from '../types.js';

export interface ScopeEnv {
  options: Pick<SyncOptions, 'scope' | 'filterReason' | 'force'>;
  /** The index before the run (the one the run rewrites). */
  index: SessionIndex;
  renderKey: string;
}

export interface DiscoveryScopes {
  /** The scope an adapter's discovery gets (`ctx.scope`). */
  forSource(source: string): DiscoveryScope;
  /** Entries of rejected sessions an older run wrote in full, made brief in `sessions`: the index must be saved. */
  briefed: number;
}

/**
 * The discovery scope of a filtered run (`SyncOptions.scope`), or undefined for a run without one, from one
 * pass over the index. `knownOutside` answers for a session an earlier run loaded and rejected with this
 * run's render key (which covers the filter's parameters: a changed selection re-decides everything), whose
 * recorded folder the scope still excludes — asked again now, so a folder that came into the repository
 * since (a worktree added, a symlink made) is not held to the old verdict. `--force` re-decides everything.
 * The same pass makes the entries of rejected sessions brief (`briefRejected`), once, for indexes written
 * before they were.
 */
export function discoveryScopes(env: ScopeEnv): DiscoveryScopes | undefined {
  const { scope: includes, filterReason, force } = env.options;
  if (!includes) return undefined;
  const outside = new Map<string, Map<string, KnownOutside>>();
  let briefed = 0;
  if (filterReason !== undefined) {
    const { index } = env;
    for (const [key, entry] of index.allPlanned()) {
      if (!isRejected(entry, filterReason)) continue;
      const whole = index.describes(key) ? index.get(key) : undefined;
      if (whole) {
        index.set(key, briefRejected(whole));
        briefed++;
      }
      if (force || entry.renderKey !== env.renderKey) continue;
      // No recorded folder (loaded before it named one): it may yet name this repository.
      if (!entry.cwd || !entry.sourcePath || includes(entry.cwd)) continue;
      const paths = outside.get(entry.source) ?? new Map<string, KnownOutside>();
      if (paths.size === 0) outside.set(entry.source, paths);
      paths.set(entry.sourcePath, entry);
    }
  }
  return {
    forSource: (source) => ({ includes, knownOutside: (path) => outside.get(source)?.get(path) }),
    briefed,
  };
}
