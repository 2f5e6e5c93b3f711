import type { DurabilityBarrier } from '../../store/durability.js';
import type { RealFolders } from '../../store/real-folders.js';
import type { SessionIndex } from '../../store/session-index.js';
import type { Warning } from '../../store/types.js';
import type { SyncReport } from '../types.js';

/**
 * The output as one run changes it: the index being rewritten, which session holds which path, and what was
 * written, removed and decided. Only the main thread's commit step changes it, one session at a time.
 */
export interface OutputState {
  outputRoot: string;
  /** The history folder, and its path relative to the output root (`/`-separated). */
  historyDir: string;
  historySubpath: string;
  dryRun: boolean;
  /** Output path (relative to the output root) → the session key holding it. */
  owners: Map<string, string>;
  /** The index, updated as sessions are committed. */
  index: SessionIndex;
  written: string[];
  removed: string[];
  wouldWrite: string[];
  warnings: Warning[];
  withdrawn: SyncReport['withdrawn'];
  /** Sessions exported, skipped or withdrawn this run: their warnings of earlier runs are closed. */
  decided: Set<string>;
  /** The output's folders checked (or made) this run: never a link, each checked once. */
  folders: RealFolders;
  /** Written files wait here for their fsync, which happens before the index records them. */
  barrier: DurabilityBarrier;
}

/**
 * The state of an output before anything is committed: every path the index records is held by its session.
 * Who holds which path is worked out when a commit first asks (a run with nothing to commit never does), from
 * the entries as they were here: entries are replaced, never changed in place.
 */
export function openOutputState(
  fields: Pick<
    OutputState,
    'outputRoot' | 'historyDir' | 'historySubpath' | 'dryRun' | 'index' | 'folders' | 'barrier'
  >,
): OutputState {
  const recorded = fields.index.snapshot();
  let owners: Map<string, string> | undefined;
  return {
    ...fields,
    get owners() {
      if (!owners) {
        owners = new Map();
        // Only entries with files are parsed (in a repository's sync, a few hundred of 17,000).
        for (const [key, { outputCount }] of recorded.allPlanned()) {
          if (outputCount === 0) continue;
          for (const out of recorded.get(key)?.outputs ?? []) owners.set(out, key);
        }
      }
      return owners;
    },
    written: [],
    removed: [],
    wouldWrite: [],
    warnings: [],
    withdrawn: [],
    decided: new Set(),
  };
}
