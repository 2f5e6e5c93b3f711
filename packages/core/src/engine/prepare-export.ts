import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { Adapter, SessionRef } from '../contract/adapter.js';
import type { AdapterContext } from '../contract/context.js';
import type { RenderContext, RenderedFile, Renderer } from '../contract/renderer.js';
import type { IndexEntry } from '../index-store/types.js';
import { hashingContext } from '../io/context.js';
import { combineFileHashes, hashFile } from '../io/hash.js';
import { SCHEMA_VERSION } from '../model/schema.js';
import { sessionKey } from '../model/session.js';
import type { Message, Session } from '../model/types.js';
import { fitFolders, folderBudget } from '../paths/fit.js';
import { sessionBasename } from '../paths/layout.js';
import { sanitizeSegment } from '../paths/sanitize.js';
import { type Chunks, writeTemp } from './atomic.js';
import { MessageBody } from './message-body.js';
import { resolveInside } from './output.js';
import { twinChunks } from './twin.js';
import type { SkipReason, SyncOptions, WithdrawReason } from './types.js';

// One object for every session of a run, so a renderer can check its options once.
const NO_RENDER_OPTIONS: Readonly<Record<string, unknown>> = Object.freeze({});

/** What preparing a session needs: the same on the main thread and in a worker thread. */
export interface ExportEnv {
  options: Pick<
    SyncOptions,
    | 'renderer'
    | 'renderOptions'
    | 'layout'
    | 'filter'
    | 'filterReason'
    | 'withdraw'
    | 'transform'
    | 'force'
    | 'holdChars'
    | 'labels'
    | 'historySubpath'
  >;
  historyDir: string;
  tmpDir: string;
  /** Where streamed sessions spill their messages (the temp folder, or the system's in a dry run). */
  spillDir: string;
  renderKey: string;
  dryRun: boolean;
  /** The run's start, recorded as `exportedAt`. */
  now: string;
}

/** An index entry before the run decides its outputs. */
export type EntryDraft = Omit<IndexEntry, 'outputs'>;

/** One output file of a prepared session: its path below the history folder and its temp file. */
export interface PreparedFile {
  rel: string;
  /** The written temp file; absent when the target already holds these bytes, or in a dry run. */
  temp?: string;
}

/**
 * A session brought as far as it goes without touching the output: the decision, and for an export the
 * files written to temp files under the name it hopes for (`basename`). The main thread commits it.
 */
export type Prepared =
  | { kind: 'touched'; contentHash: string }
  | { kind: 'withdrawn'; skip: SkipReason; entry: EntryDraft }
  | { kind: 'skipped'; skip: SkipReason; entry: EntryDraft }
  | {
      kind: 'export';
      dir: string;
      /** The name the session would have if no other session held it. */
      plain: string;
      /** The name the files were rendered for. */
      basename: string;
      files: PreparedFile[];
      entry: EntryDraft;
      warnings: Array<{ path: string; message: string }>;
    };

const SUFFIX = /^(\.[A-Za-z0-9]+|(\/[A-Za-z0-9][A-Za-z0-9._-]*)+)$/;

/**
 * Loads a changed session and renders it into temp files, without touching the output or the run's shared
 * state — so it can run in a worker thread. Hashes what the load read (one read per changed file): a
 * session whose content did not change comes back as 'touched'. `basename` forces the name to render for
 * (after the hoped-for one turned out taken).
 */
export async function prepareExport(
  env: ExportEnv,
  adapter: Adapter,
  ctx: AdapterContext,
  ref: SessionRef,
  entry: IndexEntry | undefined,
  basename?: string,
): Promise<Prepared> {
  const { options } = env;
  const key = sessionKey(adapter.name, ref.sessionId);
  const sameRender = entry?.renderKey === env.renderKey;
  const hashes = new Map<string, string>();
  const loadCtx = ref.files?.length ? hashingContext(ctx, hashes) : ctx;
  const { session: loaded, body } = await loadSession(env, adapter, loadCtx, ref, key);
  try {
    let session = loaded;
    const messageCount = body ? body.count : session.messages.length;
    let contentHash: string | undefined;
    if (ref.files?.length) {
      const entries: Array<[string, string]> = [];
      for (const file of ref.files) entries.push([file, hashes.get(file) ?? (await hashFile(file))]);
      contentHash = combineFileHashes(entries);
      // Touched but not changed (a copy, a checkout): nothing to write, remember the new stat.
      if (!options.force && entry && sameRender && entry.contentHash === contentHash)
        return { kind: 'touched', contentHash };
    }
    if (session.sessionId !== ref.sessionId || session.source !== adapter.name) {
      throw new Error(`adapter ${adapter.name} loaded ${session.key} for the discovered id ${ref.sessionId}`);
    }
    const draft = (skip?: SkipReason) =>
      entryDraft(env, key, adapter.name, ref, contentHash, session, messageCount, skip);
    // The user asked for this session not to be kept (skip marker, excluded project).
    const withdrawn = options.withdraw?.test(session) ?? body?.withdrawn;
    if (withdrawn) {
      const skip = skipReasonOf(withdrawn);
      return { kind: 'withdrawn', skip, entry: draft(skip) };
    }
    const skip =
      options.filter && !options.filter(session)
        ? { reason: options.filterReason ?? 'filtered out' }
        : messageCount === 0 && !session.children?.length
          ? { reason: 'empty' }
          : undefined;
    if (skip) return { kind: 'skipped', skip, entry: draft(skip) };

    // Reported only for sessions actually exported: a filtered-out session's bad lines are not the user's concern.
    const warnings = session.diagnostics.map((d) => ({
      path: d.path ?? ref.path,
      message: `${d.message} ×${d.count}${d.line ? ` (first at line ${d.line})` : ''}`,
    }));
    if (options.transform) session = options.transform.apply(session);

    // Folders too long for a path (a cwd of 45 long folders) are shortened, with a hash of the whole.
    const folders = options.layout(session).map((s) => sanitizeSegment(s));
    const dir = fitFolders(folders, folderBudget(env.historyDir)).join('/');
    // A spilled session's first typed prompt is all the basename needs of its messages.
    const named = body ? { ...session, messages: body.firstPrompt ? [body.firstPrompt] : [] } : session;
    const plain = sanitizeSegment(sessionBasename(named), 'session');
    const name = basename ?? plain;
    // A session the index has never seen has no files yet (a lost index is rebuilt from the twins first).
    const fresh = entry === undefined;
    const files = await writeFiles(env, session, body, dir, name, messageCount, ref, contentHash, fresh);
    return { kind: 'export', dir, plain, basename: name, files, entry: draft(), warnings };
  } finally {
    body?.dispose();
  }
}

/** A withdraw rule's answer as a skip reason. */
export function skipReasonOf(withdrawn: WithdrawReason): SkipReason {
  return typeof withdrawn === 'string' ? { reason: withdrawn } : withdrawn;
}

/** Removes the temp files of a prepared export that will not be committed. */
export function discardPrepared(prepared: Prepared): void {
  if (prepared.kind !== 'export') return;
  for (const file of prepared.files) if (file.temp) rmSync(file.temp, { force: true });
}

/** Renders the session (and its twin) into temp files, checking every path stays inside the history folder. */
async function writeFiles(
  env: ExportEnv,
  session: Session,
  body: MessageBody | undefined,
  dir: string,
  basename: string,
  messageCount: number,
  ref: SessionRef,
  contentHash: string | undefined,
  fresh: boolean,
): Promise<PreparedFile[]> {
  const { options } = env;
  const rendered: Array<{ rel: string; content: Chunks }> = [];
  for (const file of renderFiles(options.renderer, session, body, {
    basename,
    options: options.renderOptions ?? NO_RENDER_OPTIONS,
  })) {
    if (!SUFFIX.test(file.suffix) || file.suffix.split('/').includes('..')) {
      throw new Error(`renderer ${options.renderer.name} produced an unsafe file suffix: ${file.suffix}`);
    }
    rendered.push({ rel: `${dir}/${basename}${file.suffix}`, content: file.content });
  }
  const twinInfo = {
    fingerprint: ref.fingerprint,
    ...(contentHash ? { contentHash } : {}),
    renderKey: env.renderKey,
    messageCount,
    ...options.labels,
  };
  rendered.push({
    rel: `${dir}/.${basename}.json`,
    content: body
      ? { [Symbol.iterator]: () => twinChunks(session, twinInfo, '', body.body()) }
      : twinChunks(session, twinInfo),
  });

  const files: PreparedFile[] = [];
  try {
    for (const file of rendered) {
      const target = resolveInside(env.historyDir, file.rel);
      if (env.dryRun) {
        files.push({ rel: file.rel });
        continue;
      }
      const temp = await writeTemp(target, file.content, env.tmpDir, { compare: !fresh });
      files.push(temp === 'unchanged' ? { rel: file.rel } : { rel: file.rel, temp });
    }
  } catch (error) {
    for (const file of files) if (file.temp) rmSync(file.temp, { force: true });
    throw error;
  }
  return files;
}

/**
 * Loads a session: through `stream` when the adapter has it, holding small sessions' messages in memory
 * and spilling big ones to a temp file (then `body` is returned and `session.messages` is empty).
 */
async function loadSession(
  env: ExportEnv,
  adapter: Adapter,
  ctx: AdapterContext,
  ref: SessionRef,
  key: string,
): Promise<{ session: Session; body?: MessageBody }> {
  if (!adapter.stream) return { session: await adapter.load(ctx, ref) };
  const { transform, withdraw } = env.options;
  const stub = stubSession(key, adapter.name, ref);
  const body = new MessageBody({
    spillPath: () => join(env.spillDir, `${SPILL_PREFIX}-${++spillCounter}.jsonl`),
    prepare: transform
      ? (m) => transform.applyMessage?.(m) ?? transform.apply({ ...stub, messages: [m] }).messages[0] ?? m
      : (m) => m,
    ...(withdraw ? { withdrawReason: (m: Message) => withdraw.test({ ...stub, messages: [m] }) } : {}),
    ...(env.options.holdChars !== undefined ? { holdChars: env.options.holdChars } : {}),
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
// A dry run spills to the system's temp folder, shared with everyone: a name nobody can predict (the file is
// opened exclusively, so a name already taken fails rather than writing through whatever is there).
const SPILL_PREFIX = `${process.pid}-${threadId}-${randomBytes(6).toString('hex')}-spill`;

function entryDraft(
  env: ExportEnv,
  key: string,
  source: string,
  ref: SessionRef,
  contentHash: string | undefined,
  session: Session,
  messageCount: number,
  skip: SkipReason | undefined,
): EntryDraft {
  const entry: EntryDraft = {
    key,
    source,
    sessionId: ref.sessionId,
    fingerprint: ref.fingerprint,
    renderKey: env.renderKey,
    sourcePath: ref.path,
    messageCount,
    models: session.models,
    exportedAt: env.now,
  };
  const optional = {
    contentHash,
    title: session.title,
    cwd: session.cwd,
    startedAt: session.startedAt,
    endedAt: session.endedAt,
    user: env.options.labels?.user,
    systemName: env.options.labels?.systemName,
    skipped: skip,
  };
  for (const [k, v] of Object.entries(optional))
    if (v !== undefined) (entry as unknown as Record<string, unknown>)[k] = v;
  return entry;
}
