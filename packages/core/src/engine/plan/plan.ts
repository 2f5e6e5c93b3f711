import type { Adapter, SessionRef } from '../../contract/adapter.js';
import type { Logger } from '../../contract/context.js';
import type { RunMemos } from '../../io/memo.js';
import type { ScratchBuffers } from '../../io/scratch-buffers.js';
import { sessionKey } from '../../model/session.js';
import type { PersistentCache } from '../../store/discovery-cache.js';
import type { Planned } from '../../store/index-format.js';
import type { SessionIndex } from '../../store/session-index.js';
import type { IndexEntry } from '../../store/types.js';
import type { RunTally } from '../tally.js';
import type { SyncOptions, SyncReport } from '../types.js';
import { type DiscoveredSource, discoverSource } from './discover-source.js';
import { outputKey } from './output-id.js';
import { type DiscoveryScopes, discoveryScopes } from './scope.js';

/** A session to load and export: discovery found it new or changed (or the run is forced). */
export interface ChangedSession {
  adapter: Adapter;
  ref: SessionRef;
  source: DiscoveredSource;
}

/** What a run will do: the changed sessions in discovery order; everything else is settled already. */
export interface Plan {
  changed: ChangedSession[];
  /** Sources' locations that do not exist. */
  missingLocations: SyncReport['missingLocations'];
  /** Index entries the plan rewrote (older rejected entries made brief): the index must be saved. */
  rewroteIndex: boolean;
}

export interface PlanEnv {
  options: Pick<
    SyncOptions,
    'adapters' | 'inputs' | 'locationEnv' | 'signal' | 'force' | 'transform' | 'scope' | 'filterReason'
  >;
  log: Logger;
  cache: PersistentCache;
  buffers: ScratchBuffers;
  /** The adapters' run-scoped memos (`ctx.memo`), disposed by the run when it ends. */
  memos: RunMemos;
  /** The index before the run. */
  index: SessionIndex;
  renderKey: string;
  tallies: RunTally;
}

/** The session's key in the index: the transform's (redaction) view of its id. */
export const keyOf = (options: Pick<SyncOptions, 'transform'>, adapter: Adapter, ref: SessionRef) =>
  outputKey(options.transform, adapter.name, ref.sessionId);

/**
 * The session's index entry: under its key, or one an earlier run recorded under the source's own id, before
 * the transform (redaction) changed it — adopted: its files are replaced and its old entry dropped.
 */
export function entryOf(
  options: Pick<SyncOptions, 'transform'>,
  index: SessionIndex,
  adapter: Adapter,
  ref: SessionRef,
): IndexEntry | undefined {
  return index.get(keyOf(options, adapter, ref)) ?? index.get(sessionKey(adapter.name, ref.sessionId));
}

/**
 * Discovers every source, one after the other (so worker threads then get one uninterrupted queue), and
 * settles what needs no export: a ref the adapter marks as skipped (not loaded, files kept), and a session
 * whose fingerprint and render key match its index entry (it cost a stat). The rest are the changed
 * sessions, in discovery order.
 */
export async function planRun(env: PlanEnv): Promise<Plan> {
  const { options, index, renderKey } = env;
  const changed: ChangedSession[] = [];
  const missingLocations: SyncReport['missingLocations'] = [];
  const scopes = discoveryScopes(env);
  for (const adapter of options.adapters) {
    const scope = scopes?.forSource(adapter.name);
    // Only the changed refs are kept, each until it is committed.
    const { refs, ...source } = await discoverSource(adapter, env.tallies.source(adapter.name), {
      options,
      log: env.log,
      cache: env.cache.forAdapter(adapter.name),
      buffers: env.buffers,
      memo: env.memos.forAdapter(adapter.name),
      ...(scope ? { scope } : {}),
      missingLocations,
    });
    for (const ref of refs) {
      const known = knownEntry(scopes, adapter, ref);
      const key = known ? sessionKey(adapter.name, ref.sessionId) : keyOf(options, adapter, ref);
      // Only the planning row: a whole entry is parsed for the sessions that change.
      const entry = known ?? index.planned(key);
      const session = { key, path: ref.path };
      if (ref.skip) source.tally.settle(session, { outcome: 'skipped', reason: ref.skip });
      else if (!options.force && entry && isCurrent(entry, ref, renderKey))
        source.tally.settle(
          session,
          entry.skipped ? { outcome: 'skipped', ...entry.skipped } : { outcome: 'unchanged' },
        );
      else changed.push({ adapter, ref, source });
    }
  }
  return { changed, missingLocations, rewroteIndex: (scopes?.briefed ?? 0) > 0 };
}

/**
 * The entry of a session the scope knows to be out of it (recorded under `<source>:<id>`), unchanged and with
 * the id it was recorded with: no need to pass its id through the transform again (redaction scans every id
 * for secrets). An id the transform had changed differs from the recorded one, and goes the usual way.
 */
function knownEntry(
  scopes: DiscoveryScopes | undefined,
  adapter: Adapter,
  ref: SessionRef,
): Planned | undefined {
  const known = scopes?.knownOutside(adapter.name, ref.path, ref.sessionId);
  return known && known.sessionId === ref.sessionId && known.fingerprint === ref.fingerprint
    ? known
    : undefined;
}

/**
 * Whether a session's index entry still describes it: same fingerprint and render key. An entry without
 * outputs is current only when it records why the session was skipped (older entries did not: re-decided).
 */
function isCurrent(entry: Planned, ref: SessionRef, renderKey: string): boolean {
  return (
    entry.renderKey === renderKey &&
    entry.fingerprint === ref.fingerprint &&
    (entry.outputCount > 0 || entry.skipped !== undefined)
  );
}
