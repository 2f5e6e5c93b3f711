import { join } from 'node:path';
import type { Adapter, SessionRef } from '../contract/adapter.js';
import type { AdapterContext } from '../contract/context.js';
import type { RenderContext, RenderedFile, Renderer } from '../contract/renderer.js';
import type { IndexEntry } from '../index-store/types.js';
import { hashingContext } from '../io/context.js';
import { combineFileHashes, hashFile, sha256 } from '../io/hash.js';
import { SCHEMA_VERSION } from '../model/schema.js';
import { sessionKey } from '../model/session.js';
import type { Message, Session } from '../model/types.js';
import { disambiguatedBasename, idTail, sessionBasename } from '../paths/layout.js';
import { sanitizeSegment } from '../paths/sanitize.js';
import { type Chunks, writeFileAtomic } from './atomic.js';
import type { DurabilityBarrier } from './durability.js';
import { MessageBody } from './message-body.js';
import { removeOldOutput, resolveInside, toPosix } from './output.js';
import { twinChunks } from './twin.js';
import type { SessionOutcome, SyncOptions, SyncReport } from './types.js';

/** Everything one run shares while exporting sessions. */
export interface RunState {
  options: SyncOptions;
  historyDir: string;
  tmpDir: string;
  /** Where streamed sessions spill their messages (the temp folder, or the system's in a dry run). */
  spillDir: string;
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
  /** Written files wait here for their fsync, which happens before the index records them. */
  barrier: DurabilityBarrier;
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
  const loadCtx = ref.files?.length ? hashingContext(ctx, hashes) : ctx;
  const { session: loaded, body } = await loadSession(state, adapter, loadCtx, ref, key);
  try {
    return await exportLoaded(state, adapter, ref, key, entry, hashes, loaded, body, turn);
  } finally {
    body?.dispose();
  }
}

/**
 * Loads a session: through `stream` when the adapter has it, holding small sessions' messages in memory
 * and spilling big ones to a temp file (then `body` is returned and `session.messages` is empty).
 */
async function loadSession(
  state: RunState,
  adapter: Adapter,
  ctx: AdapterContext,
  ref: SessionRef,
  key: string,
): Promise<{ session: Session; body?: MessageBody }> {
  if (!adapter.stream) return { session: await adapter.load(ctx, ref) };
  const { transform, withdraw } = state.options;
  const stub = stubSession(key, adapter.name, ref);
  const body = new MessageBody({
    spillPath: () => spillPath(state),
    prepare: transform
      ? (m) => transform.applyMessage?.(m) ?? transform.apply({ ...stub, messages: [m] }).messages[0] ?? m
      : (m) => m,
    ...(withdraw ? { withdrawReason: (m: Message) => withdraw.test({ ...stub, messages: [m] }) } : {}),
    ...(state.options.holdChars !== undefined ? { holdChars: state.options.holdChars } : {}),
  });
  try {
    const session = await adapter.stream(ctx, ref, (message) => body.add(message));
    body.finish();
    if (!body.spilled) return { session: { ...session, messages: body.held } };
    return { session: { ...session, messages: [] }, body };
  } catch (error) {
    body.dispose();
    throw error;
  }
}

async function exportLoaded(
  state: RunState,
  adapter: Adapter,
  ref: SessionRef,
  key: string,
  entry: IndexEntry | undefined,
  hashes: Map<string, string>,
  loaded: Session,
  body: MessageBody | undefined,
  turn: ClaimTurn,
): Promise<SessionOutcome> {
  const { options } = state;
  const sameRender = entry?.renderKey === state.renderKey;
  let session = loaded;
  const messageCount = body ? body.count : session.messages.length;
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

  const withdrawn = options.withdraw?.test(session) ?? body?.withdrawn;
  if (withdrawn) {
    // The user asked for this session not to be kept (skip marker, excluded project): remove what earlier
    // runs wrote, and remember the decision so it costs a stat next time.
    if (!state.dryRun) {
      await removeOutputs(state, key, entry?.outputs ?? []);
      state.sessions[key] = baseEntry(state, key, adapter.name, ref, contentHash, session, messageCount, []);
    }
    state.withdrawn.push({ source: adapter.name, key, path: ref.path, reason: withdrawn });
    return 'skipped';
  }
  if ((options.filter && !options.filter(session)) || (messageCount === 0 && !session.children?.length)) {
    // Remember the decision so an unchanged skipped session costs a stat next time; keep its old outputs.
    if (!state.dryRun) {
      state.sessions[key] = baseEntry(
        state,
        key,
        adapter.name,
        ref,
        contentHash,
        session,
        messageCount,
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
  // A spilled session's first typed prompt is all the basename needs of its messages.
  const named = body ? { ...session, messages: body.firstPrompt ? [body.firstPrompt] : [] } : session;
  const basename = claimBasename(
    state,
    key,
    dir,
    sanitizeSegment(sessionBasename(named), 'session'),
    session.sessionId,
  );
  turn.release();

  const files: Array<{ rel: string; content: Chunks }> = [];
  for (const file of renderFiles(options.renderer, session, body, {
    basename,
    options: options.renderOptions ?? {},
  })) {
    if (!SUFFIX.test(file.suffix) || file.suffix.split('/').includes('..')) {
      throw new Error(`renderer ${options.renderer.name} produced an unsafe file suffix: ${file.suffix}`);
    }
    files.push({ rel: `${dir}/${basename}${file.suffix}`, content: file.content });
  }
  const twinInfo = {
    fingerprint: ref.fingerprint,
    ...(contentHash ? { contentHash } : {}),
    renderKey: state.renderKey,
    messageCount,
    ...options.labels,
  };
  files.push({
    rel: `${dir}/.${basename}.json`,
    content: body
      ? { [Symbol.iterator]: () => twinChunks(session, twinInfo, '', body.lines()) }
      : twinChunks(session, twinInfo),
  });

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
    const outcome = await writeFileAtomic(target, file.content, state.tmpDir, {
      madeDirs: state.madeDirs,
      barrier: state.barrier,
    });
    if (outcome === 'written') {
      state.written.push(outputRel);
      changed = true;
    }
  }
  if (state.dryRun) return entry ? 'updated' : 'new';

  const stale = (entry?.outputs ?? []).filter((old) => !outputs.includes(old));
  if ((await removeOutputs(state, key, stale)) > 0) changed = true;
  state.sessions[key] = baseEntry(state, key, adapter.name, ref, contentHash, session, messageCount, outputs);
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

/** Renders through `renderStream` when the messages were spilled; a renderer without it gets them in memory. */
function renderFiles(
  renderer: Renderer,
  session: Session,
  body: MessageBody | undefined,
  context: RenderContext,
): RenderedFile[] {
  if (!body) return renderer.render(session, context);
  if (renderer.renderStream) return renderer.renderStream(session, () => body.messages(), context);
  return renderer.render({ ...session, messages: [...body.messages()] }, context);
}

/** What a per-message transform or withdraw rule sees of a session still being streamed. */
function stubSession(key: string, source: string, ref: SessionRef): Session {
  return {
    schemaVersion: SCHEMA_VERSION,
    key,
    source,
    sessionId: ref.sessionId,
    models: [],
    sourceLocation: { path: ref.path },
    messages: [],
    diagnostics: [],
  };
}

let spillCounter = 0;
function spillPath(state: RunState): string {
  return join(state.spillDir, `${process.pid}-spill-${++spillCounter}.jsonl`);
}

function baseEntry(
  state: RunState,
  key: string,
  source: string,
  ref: SessionRef,
  contentHash: string | undefined,
  session: Session,
  messageCount: number,
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
    messageCount,
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
