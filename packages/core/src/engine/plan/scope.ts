import type { DiscoveryScope } from '../../contract/context.js';
import { sessionKey } from '../../model/session.js';
import type { Planned } from '../../store/index-format.js';
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
  /** What `knownOutside` answers for a session of `source` (its entry, under `<source>:<sessionId>`). */
  knownOutside(source: string, path: string, sessionId: string): Planned | undefined;
  /** Entries of rejected sessions an older run wrote in full, made brief in `sessions`: the index must be saved. */
  briefed: number;
}

/**
 * The discovery scope of a filtered run (`SyncOptions.scope`), or undefined for a run without one.
 * `knownOutside` answers for a session an earlier run loaded and rejected with this run's render key (which
 * covers the filter's parameters: a changed selection re-decides everything), recorded under its id with the
 * same main file, whose recorded folder the scope still excludes — asked again by this run (once per folder),
 * so a folder that came into the repository since (a worktree added, a symlink made) is not held to the old
 * verdict. `--force` re-decides everything. Each answer is one lookup by key: no pass over the index (17,000
 * entries in a repository of a large home), but over the entries an older version wrote whole, which are made
 * brief (`briefRejected`), once.
 */
export function discoveryScopes(env: ScopeEnv): DiscoveryScopes | undefined {
  const { scope: includes, filterReason, force } = env.options;
  if (!includes) return undefined;
  const { index, renderKey } = env;
  let briefed = 0;
  if (filterReason !== undefined) {
    for (const key of [...index.wholeKeys()]) {
      const entry = index.planned(key);
      const whole =
        entry && isRejected(entry, filterReason) && index.describes(key) ? index.get(key) : undefined;
      if (whole) {
        index.set(key, briefRejected(whole));
        briefed++;
      }
    }
  }
  const excluded = new Map<string, boolean>();
  const excludes = (cwd: string) => {
    let verdict = excluded.get(cwd);
    if (verdict === undefined) {
      verdict = !includes(cwd);
      excluded.set(cwd, verdict);
    }
    return verdict;
  };
  const knownOutside = (source: string, path: string, sessionId: string): Planned | undefined => {
    if (force || filterReason === undefined) return undefined;
    const entry = index.planned(sessionKey(source, sessionId));
    if (!entry || entry.sourcePath !== path || entry.renderKey !== renderKey) return undefined;
    // No recorded folder (loaded before it named one): it may yet name this repository.
    return isRejected(entry, filterReason) && entry.cwd && excludes(entry.cwd) ? entry : undefined;
  };
  return {
    forSource: (source) => ({ includes, knownOutside: (path, id) => knownOutside(source, path, id) }),
    knownOutside,
    briefed,
  };
}
