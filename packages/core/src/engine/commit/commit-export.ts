import { dirname, join } from 'node:path';
import { sha256 } from '../../io/hash.js';
import { disambiguatedBasename, idTail } from '../../paths/layout.js';
import { sanitizeSegment } from '../../paths/sanitize.js';
import { commitTemp } from '../../store/atomic.js';
import { removeOldOutput, resolveInside, toPosix } from '../../store/output.js';
import type { IndexEntry } from '../../store/types.js';
import { discardPrepared } from '../prepare/prepare-export.js';
import type { EntryDraft, Prepared } from '../prepare/types.js';
import type { Settled } from '../tally.js';
import type { OutputState } from './output-state.js';

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
 * Brings a prepared session into the output: renames its temp files into place, removes its old files if its
 * path moved, and records its index entry. An export must have been prepared for the name `claimName` gave
 * it. Sessions are committed one at a time in discovery order, so which of two same-named sessions gets the
 * plain name does not depend on timing. A session counts as new when nothing of it was written before (also
 * when an earlier run skipped it).
 */
export async function commitPrepared(
  state: OutputState,
  session: Committing,
  prepared: Prepared,
): Promise<Settled> {
  const { key, entry } = session;
  const record = (outputs: string[], draft: EntryDraft) => {
    if (!state.dryRun) state.index.set(key, { ...draft, outputs });
  };
  switch (prepared.kind) {
    case 'touched':
      if (!state.dryRun && entry) state.index.set(key, { ...entry, fingerprint: session.fingerprint });
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
  for (const w of prepared.warnings) state.warnings.push({ source: session.source, key, ...w });
  state.decided.add(key);
  // New: nothing of it was written before (a session an earlier run skipped has no files either).
  const fresh = !entry?.outputs.length;

  const outputs: string[] = [];
  let changed = false;
  try {
    for (const file of prepared.files) {
      const outputRel = toPosix(join(state.historySubpath, file.rel));
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

/** Deletes a session's old output files (only those it still owns); returns how many were removed. */
async function removeOutputs(state: OutputState, key: string, paths: string[]): Promise<number> {
  let removed = 0;
  for (const old of paths) {
    if (state.owners.get(old) !== key) continue;
    if (await removeOldOutput(state.outputRoot, old, state.folders)) {
      state.removed.push(old);
      removed++;
    }
    // Another session may have claimed the path meanwhile: only drop our own claim.
    if (state.owners.get(old) === key) state.owners.delete(old);
  }
  return removed;
}

/**
 * Picks and claims an export's basename: the plain one, unless another session's twin holds it; then the
 * plain one with a short id tail, a longer tail, and finally a counter — each checked, never assumed free.
 * When it differs from the name the session was prepared for, the session must be prepared again for it.
 */
export function claimName(state: OutputState, key: string, prepared: Prepared & { kind: 'export' }): string {
  const { dir, plain } = prepared;
  const sessionId = prepared.entry.sessionId;
  const twinOf = (name: string) => `${state.historySubpath}/${dir}/.${name}.json`;
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
  state.owners.set(twinOf(chosen), key);
  return chosen;
}
