import { dirname, join } from 'node:path';
import { sha256 } from '../../io/hash.js';
import { disambiguatedBasename, idTail } from '../../paths/layout.js';
import { sanitizeSegment } from '../../paths/sanitize.js';
import { commitTemp } from '../../store/atomic.js';
import type { DurabilityBarrier } from '../../store/durability.js';
import { removeOldOutput, resolveInside, toPosix } from '../../store/output.js';
import type { RealFolders } from '../../store/real-folders.js';
import type { IndexEntry } from '../../store/types.js';
import {
  discardPrepared,
  type EntryDraft,
  type ExportEnv,
  type Prepared,
} from '../prepare/prepare-export.js';
import type { Settled } from '../tally.js';
import type { SyncOptions, SyncReport, Warning } from '../types.js';

/** Everything one run shares while committing sessions; only the main thread touches it. */
export interface RunState extends ExportEnv {
  options: SyncOptions;
  /** Output path (relative to the output root) → the session key holding it. */
  owners: Map<string, string>;
  sessions: Record<string, IndexEntry>;
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
  /** One copy of each value many index entries share (see `withSharedValues`). */
  shared: Map<string, unknown>;
}

/** The session a prepared result belongs to. */
export interface Committing {
  source: string;
  key: string;
  path: string;
  /** The fingerprint discovery saw. */
  fingerprint: string;
  /** Its index entry before this run. */
  entry: IndexEntry | undefined;
}

/**
 * Brings a prepared session into the output: claims its name, renames its temp files into place, removes its
 * old files if its path moved, and records its index entry. Sessions are committed one at a time in discovery
 * order, so which of two same-named sessions gets the plain name does not depend on timing. When the name it
 * was rendered for is taken, `rerender` prepares it again for the name it got. A session counts as new when
 * nothing of it was written before (also when an earlier run skipped it).
 */
export async function commitPrepared(
  state: RunState,
  session: Committing,
  first: Prepared,
  rerender: (basename: string) => Promise<Prepared>,
): Promise<Settled> {
  const { key, entry } = session;
  const record = (outputs: string[], draft: EntryDraft) => {
    if (!state.dryRun) state.sessions[key] = withSharedValues(state.shared, { ...draft, outputs });
  };
  let prepared = first;
  switch (prepared.kind) {
    case 'touched':
      if (!state.dryRun && entry) state.sessions[key] = { ...entry, fingerprint: session.fingerprint };
      return entry?.skipped ? { outcome: 'skipped', ...entry.skipped } : { outcome: 'unchanged' };
    case 'withdrawn':
      // Remove what earlier runs wrote, and remember the decision so it costs a stat next time.
      if (!state.dryRun) await removeOutputs(state, key, entry?.outputs ?? []);
      record([], prepared.entry);
      state.withdrawn.push({ source: session.source, key, path: session.path, ...prepared.skip });
      state.decided.add(key);
      return { outcome: 'skipped', ...prepared.skip };
    case 'skipped':
      // Remember the decision so an unchanged skipped session costs a stat next time; keep its old outputs.
      record(entry?.outputs ?? [], prepared.entry);
      state.decided.add(key);
      return { outcome: 'skipped', ...prepared.skip };
  }
  const { basename, twin } = claimBasename(
    state,
    key,
    prepared.dir,
    prepared.plain,
    prepared.entry.sessionId,
  );
  if (basename !== prepared.basename) {
    discardPrepared(prepared);
    prepared = await rerender(basename);
    if (prepared.kind !== 'export' || prepared.basename !== basename) {
      discardPrepared(prepared);
      throw new Error(`the session changed while it was exported; the next run exports it again`);
    }
  }
  for (const w of prepared.warnings) state.warnings.push({ source: session.source, key, ...w });
  state.decided.add(key);
  // New: nothing of it was written before (a session an earlier run skipped has no files either).
  const fresh = !entry?.outputs.length;

  const outputs: string[] = [];
  let changed = false;
  try {
    for (const file of prepared.files) {
      // The twin's path is the claimed key of `owners` already: one string for both (12,000 fewer in memory).
      let outputRel = toPosix(join(state.options.historySubpath, file.rel));
      if (outputRel === twin) outputRel = twin;
      outputs.push(outputRel);
      state.owners.set(outputRel, key);
      const target = resolveInside(state.historyDir, file.rel);
      if (state.dryRun) {
        // A dry run makes no folder, but a link on the way fails the session as it would in a real run.
        state.folders.exists(dirname(target));
        state.wouldWrite.push(outputRel);
        continue;
      }
      if (!file.temp) {
        // Unchanged bytes, but only a file in a real folder is really in the output (a cached check).
        state.folders.make(dirname(target));
        continue;
      }
      commitTemp(file.temp, target, { folders: state.folders, barrier: state.barrier });
      delete file.temp;
      state.written.push(outputRel);
      changed = true;
    }
  } finally {
    discardPrepared(prepared);
  }
  if (state.dryRun) return { outcome: fresh ? 'new' : 'updated' };

  const stale = (entry?.outputs ?? []).filter((old) => !outputs.includes(old));
  if ((await removeOutputs(state, key, stale)) > 0) changed = true;
  record(outputs, prepared.entry);
  if (fresh) return { outcome: 'new' };
  return { outcome: changed ? 'updated' : 'unchanged' };
}

const SHARED_FIELDS = ['source', 'renderKey', 'exportedAt', 'user', 'systemName', 'cwd'] as const;

/**
 * The entry with the values most entries share (source, render key, run time, labels, project folder,
 * models) replaced by one copy each: an entry prepared in a worker thread arrives with copies of its own,
 * ~200 bytes a session that would stay in memory until the run ends.
 */
function withSharedValues(shared: Map<string, unknown>, entry: IndexEntry): IndexEntry {
  const one = <V>(key: string, value: V): V => {
    const known = shared.get(key);
    if (known !== undefined) return known as V;
    shared.set(key, value);
    return value;
  };
  for (const field of SHARED_FIELDS) {
    const value = entry[field];
    if (value !== undefined) entry[field] = one(value, value);
  }
  entry.models = one(`\u0000${entry.models.join('\u0000')}`, entry.models);
  return entry;
}

/** Deletes a session's old output files (only those it still owns); returns how many were removed. */
async function removeOutputs(state: RunState, key: string, paths: string[]): Promise<number> {
  let removed = 0;
  for (const old of paths) {
    if (state.owners.get(old) !== key) continue;
    if (await removeOldOutput(state.options.outputRoot, old, state.folders)) {
      state.removed.push(old);
      removed++;
    }
    // Another session may have claimed the path meanwhile: only drop our own claim.
    if (state.owners.get(old) === key) state.owners.delete(old);
  }
  return removed;
}

/**
 * Picks and claims the session's basename: the plain one, unless another session's twin holds it; then the
 * plain one with a short id tail, a longer tail, and finally a counter — each checked, never assumed free.
 * Returns it with the claimed twin path.
 */
function claimBasename(
  state: RunState,
  key: string,
  dir: string,
  plain: string,
  sessionId: string,
): { basename: string; twin: string } {
  const twinOf = (name: string) => `${state.options.historySubpath}/${dir}/.${name}.json`;
  const free = (name: string) => {
    const holder = state.owners.get(twinOf(name));
    return holder === undefined || holder === key;
  };
  // Tried lazily, in order: nearly every session takes the first.
  function* candidates() {
    yield plain;
    yield disambiguatedBasename(plain, sessionId);
    const tail = `${plain}-${idTail(sessionId, 16)}`;
    yield tail;
    for (let n = 2; n < 1000; n++) yield `${tail}-${n}`;
    yield `${plain}-${sha256(key).slice(0, 16)}`;
  }
  let chosen = plain;
  for (const name of candidates()) {
    chosen = sanitizeSegment(name, 'session');
    if (free(chosen)) break;
  }
  const twin = twinOf(chosen);
  state.owners.set(twin, key);
  return { basename: chosen, twin };
}
