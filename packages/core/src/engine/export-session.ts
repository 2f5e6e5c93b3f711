import { join } from 'node:path';
import type { Adapter, SessionRef } from '../contract/adapter.js';
import type { AdapterContext } from '../contract/context.js';
import type { IndexEntry } from '../index-store/types.js';
import { hashingContext } from '../io/context.js';
import { combineFileHashes, hashFile, sha256 } from '../io/hash.js';
import { sessionKey } from '../model/session.js';
import type { Session } from '../model/types.js';
import { disambiguatedBasename, idTail, sessionBasename } from '../paths/layout.js';
import { sanitizeSegment } from '../paths/sanitize.js';
import { type Chunks, writeFileAtomic } from './atomic.js';
import { removeOldOutput, resolveInside, toPosix } from './output.js';
import { twinChunks } from './twin.js';
import type { SessionOutcome, SyncOptions, SyncReport } from './types.js';

/** Everything one run shares while exporting sessions. */
export interface RunState {
  options: SyncOptions;
  historyDir: string;
  tmpDir: string;
  renderKey: string;
  /** Output path (relative to the output root) → the session key holding it. */
  owners: Map<string, string>;
  sessions: Record<string, IndexEntry>;
  dryRun: boolean;
  now: string;
  written: string[];
  removed: string[];
  wouldWrite: string[];
  warnings: Array<{ source: string; path: string; message: string }>;
  withdrawn: SyncReport['withdrawn'];
  /** Output folders created during this run. */
  madeDirs: Set<string>;
}

const SUFFIX = /^(\.[A-Za-z0-9]+|(\/[A-Za-z0-9][A-Za-z0-9._-]*)+)$/;

/**
 * Brings one discovered session up to date: skips it when its fingerprint (or, failing that, its content
 * hash) and the render key are unchanged; otherwise loads, renders and writes it atomically, removes its
 * old files if its path moved, and updates its index entry.
 */
export async function exportSession(
  state: RunState,
  adapter: Adapter,
  ctx: AdapterContext,
  ref: SessionRef,
  turn: ClaimTurn = { wait: async () => {}, release() {} },
): Promise<SessionOutcome> {
  const { options } = state;
  const key = sessionKey(adapter.name, ref.sessionId);
  const entry = state.sessions[key];
  const sameRender = entry?.renderKey === state.renderKey;
  if (!options.force && entry && sameRender && entry.fingerprint === ref.fingerprint) return 'unchanged';

  // Load first and hash what the load read: one read per changed file, not a hash pass and then a load.
  const hashes = new Map<string, string>();
  let session = await adapter.load(ref.files?.length ? hashingContext(ctx, hashes) : ctx, ref);
  let contentHash: string | undefined;
  if (ref.files?.length) {
    const entries: Array<[string, string]> = [];
    for (const file of ref.files) entries.push([file, hashes.get(file) ?? (await hashFile(file))]);
    contentHash = combineFileHashes(entries);
    if (!options.force && entry && sameRender && entry.contentHash === contentHash) {
      // Touched but not changed (a copy, a checkout): nothing to write, remember the new stat.
      if (!state.dryRun) state.sessions[key] = { ...entry, fingerprint: ref.fingerprint };
      return 'unchanged';
    }
  }
  if (session.sessionId !== ref.sessionId || session.source !== adapter.name) {
    throw new Error(`adapter ${adapter.name} loaded ${session.key} for the discovered id ${ref.sessionId}`);
  }

  const withdrawn = options.withdraw?.test(session);
  if (withdrawn) {
    // The user asked for this session not to be kept (skip marker, excluded project): remove what earlier
    // runs wrote, and remember the decision so it costs a stat next time.
    if (!state.dryRun) {
      await removeOutputs(state, key, entry?.outputs ?? []);
      state.sessions[key] = baseEntry(state, key, adapter.name, ref, contentHash, session, []);
    }
    state.withdrawn.push({ source: adapter.name, key, path: ref.path, reason: withdrawn });
    return 'skipped';
  }
  if ((options.filter && !options.filter(session)) || isEmpty(session)) {
    // Remember the decision so an unchanged skipped session costs a stat next time; keep its old outputs.
    if (!state.dryRun) {
      state.sessions[key] = baseEntry(
        state,
        key,
        adapter.name,
        ref,
        contentHash,
        session,
        entry?.outputs ?? [],
      );
    }
    return 'skipped';
  }
  // Reported only for sessions actually exported: a filtered-out session's bad lines are not the user's concern.
  for (const d of session.diagnostics) {
    const where = d.line ? ` (first at line ${d.line})` : '';
    state.warnings.push({
      source: adapter.name,
      path: d.path ?? ref.path,
      message: `${d.message} ×${d.count}${where}`,
    });
  }
  if (options.transform) session = options.transform.apply(session);

  const dirSegments = options.layout(session).map((s) => sanitizeSegment(s));
  const dir = dirSegments.join('/');
  // Names are claimed in discovery order, so which of two same-named sessions gets the plain name does not
  // depend on which finished loading first; the claim happens before the next await.
  await turn.wait();
  const basename = claimBasename(
    state,
    key,
    dir,
    sanitizeSegment(sessionBasename(session), 'session'),
    session.sessionId,
  );
  turn.release();

  const files: Array<{ rel: string; content: Chunks }> = [];
  for (const file of options.renderer.render(session, { basename, options: options.renderOptions ?? {} })) {
    if (!SUFFIX.test(file.suffix) || file.suffix.split('/').includes('..')) {
      throw new Error(`renderer ${options.renderer.name} produced an unsafe file suffix: ${file.suffix}`);
    }
    files.push({ rel: `${dir}/${basename}${file.suffix}`, content: file.content });
  }
  const twinInfo = {
    fingerprint: ref.fingerprint,
    ...(contentHash ? { contentHash } : {}),
    renderKey: state.renderKey,
    messageCount: session.messages.length,
    ...options.labels,
  };
  files.push({ rel: `${dir}/.${basename}.json`, content: twinChunks(session, twinInfo) });

  const outputs: string[] = [];
  let changed = false;
  for (const file of files) {
    const target = resolveInside(state.historyDir, file.rel);
    const outputRel = toPosix(join(options.historySubpath, file.rel));
    outputs.push(outputRel);
    state.owners.set(outputRel, key);
    if (state.dryRun) {
      state.wouldWrite.push(outputRel);
      continue;
    }
    if ((await writeFileAtomic(target, file.content, state.tmpDir, state.madeDirs)) === 'written') {
      state.written.push(outputRel);
      changed = true;
    }
  }
  if (state.dryRun) return entry ? 'updated' : 'new';

  const stale = (entry?.outputs ?? []).filter((old) => !outputs.includes(old));
  if ((await removeOutputs(state, key, stale)) > 0) changed = true;
  state.sessions[key] = baseEntry(state, key, adapter.name, ref, contentHash, session, outputs);
  if (!entry) return 'new';
  return changed ? 'updated' : 'unchanged';
}

/** Deletes a session's old output files (only those it still owns); returns how many were removed. */
async function removeOutputs(state: RunState, key: string, paths: string[]): Promise<number> {
  let removed = 0;
  for (const old of paths) {
    if (state.owners.get(old) !== key) continue;
    if (await removeOldOutput(state.options.outputRoot, old)) {
      state.removed.push(old);
      removed++;
    }
    // Another session may have claimed the path meanwhile: only drop our own claim.
    if (state.owners.get(old) === key) state.owners.delete(old);
  }
  return removed;
}

/** Waits for the sessions discovered earlier to claim their names, then signals that this one has. */
export interface ClaimTurn {
  wait(): Promise<void>;
  release(): void;
}

/**
 * Picks and claims the session's basename: the plain one, unless another session's twin holds it; then the
 * plain one with a short id tail, a longer tail, and finally a counter — each checked, never assumed free.
 */
function claimBasename(state: RunState, key: string, dir: string, plain: string, sessionId: string): string {
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
  state.owners.set(twinOf(chosen), key);
  return chosen;
}

function isEmpty(session: Session): boolean {
  return session.messages.length === 0 && !session.children?.length;
}

function baseEntry(
  state: RunState,
  key: string,
  source: string,
  ref: SessionRef,
  contentHash: string | undefined,
  session: Session,
  outputs: string[],
): IndexEntry {
  const entry: IndexEntry = {
    key,
    source,
    sessionId: ref.sessionId,
    fingerprint: ref.fingerprint,
    renderKey: state.renderKey,
    outputs,
    sourcePath: ref.path,
    messageCount: session.messages.length,
    models: session.models,
    exportedAt: state.now,
  };
  const optional = {
    contentHash,
    title: session.title,
    cwd: session.cwd,
    startedAt: session.startedAt,
    endedAt: session.endedAt,
    user: state.options.labels?.user,
    systemName: state.options.labels?.systemName,
  };
  for (const [k, v] of Object.entries(optional))
    if (v !== undefined) (entry as unknown as Record<string, unknown>)[k] = v;
  return entry;
}
