import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Adapter, SessionRef } from '../../contract/adapter.js';
import type { AdapterContext } from '../../contract/context.js';
import { ConvxError } from '../../errors.js';
import { sessionContext } from '../../io/context.js';
import { combineFileHashes, hashFile } from '../../io/hash.js';
import { SessionLineLimit } from '../../io/line-limit.js';
import { DEFAULT_ATTACHMENT_MAX_BYTES } from '../../model/media.js';
import { sessionKey } from '../../model/session.js';
import type { Session } from '../../model/types.js';
import { fitFolders, folderBudget } from '../../paths/fit.js';
import { sessionBasename } from '../../paths/layout.js';
import { sanitizeSegment } from '../../paths/sanitize.js';
import { briefRejected } from '../../store/rejected-entry.js';
import type { IndexEntry, SkipReason } from '../../store/types.js';
import { outputSessionId } from '../plan/output-id.js';
import type { SessionTransform, WithdrawReason } from '../types.js';
import { AttachmentStore, attachmentContext } from './attachments.js';
import { CarryOver } from './carry-over.js';
import { writeSessionFiles } from './export-files.js';
import { loadSession } from './load-session.js';
import type { EntryDraft, Prepared, PrepareEnv } from './types.js';

/**
 * Loads a changed session and renders it into temp files, without touching the output or the run's shared
 * state — so it can run in a worker thread. Hashes what the load read (one read per changed file): a
 * session whose content did not change comes back as 'touched'. Inline payloads the adapter meets are saved
 * to temp files as it goes (`AttachmentStore`). `basename` forces the name to render for (after the
 * hoped-for one turned out taken).
 */
export async function prepareExport(
  env: PrepareEnv,
  adapter: Adapter,
  ctx: AdapterContext,
  ref: SessionRef,
  entry: IndexEntry | undefined,
  basename?: string,
): Promise<Prepared> {
  const { options } = env;
  const sessionId = outputSessionId(options.transform, ref.sessionId);
  const key = sessionKey(adapter.name, sessionId);
  const sameRender = entry?.renderKey === env.renderKey;
  const hashes = new Map<string, string>();
  const store = new AttachmentStore({
    tmpDir: env.tmpDir,
    maxBytes: options.attachmentMaxBytes ?? DEFAULT_ATTACHMENT_MAX_BYTES,
    dryRun: env.dryRun,
    redactText: textRedaction(options.transform),
  });
  const limit = new SessionLineLimit(ref.path, options.maxLineBytes, env.handBack);
  const loadCtx = attachmentContext(
    sessionContext(ctx, limit, env.buffers, ref.files?.length ? hashes : undefined),
    store,
  );
  const carryOver = new CarryOver(previousTwin(env, entry));
  try {
    const { session: loaded, body } = await loadSession(
      env,
      adapter,
      loadCtx,
      ref,
      key,
      limit,
      carryOver.restore,
    );
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
        throw new Error(
          `adapter ${adapter.name} loaded ${session.key} for the discovered id ${ref.sessionId}`,
        );
      }
      // What the index records comes from the transformed (redacted) session, whatever the decision.
      const draft = (header: Session, skip?: SkipReason) =>
        entryDraft(env, { key, sessionId }, ref, contentHash, header, messageCount, skip);
      // The user asked for this session not to be kept (skip marker, excluded project).
      const withdrawn = options.withdraw?.test(session) ?? body?.withdrawn;
      if (withdrawn) {
        const skip = skipReasonOf(withdrawn);
        return { kind: 'withdrawn', skip, entry: draft(transformHeader(env, session), skip) };
      }
      const filtered = options.filter && !options.filter(session);
      const empty = messageCount === 0 && !session.children?.length;
      // Empty, but not because nothing was there: every line of it was unreadable (random bytes, NULs).
      if (!filtered && empty && session.diagnostics.length > 0) throw unreadable(session.diagnostics);
      const skip = filtered
        ? { reason: options.filterReason ?? 'filtered out' }
        : empty
          ? { reason: 'empty' }
          : undefined;
      if (skip) {
        const decided = draft(transformHeader(env, session), skip);
        // Another project's session in a repository's sync: the entry keeps to the decision.
        const brief = filtered && !entry?.outputs.length;
        return { kind: 'skipped', skip, entry: brief ? briefRejected(decided) : decided };
      }

      // Reported only for sessions actually exported: a filtered-out session's bad lines are not the user's concern.
      const warnings = session.diagnostics.map((d) => ({
        path: d.path ?? ref.path,
        message: `${d.message} ×${d.count}${d.line ? ` (first at line ${d.line})` : ''}`,
      }));
      if (options.transform) session = options.transform.apply(session);
      // The engine's key is the one the index and reports use: the twin says the same.
      if (session.key !== key || session.sessionId !== sessionId) session = { ...session, key, sessionId };

      // Folders too long for a path (a cwd of 45 long folders) are shortened, with a hash of the whole.
      const folders = options.layout(session).map((s) => sanitizeSegment(s));
      const dir = fitFolders(folders, folderBudget(env.historyDir)).join('/');
      // A spilled session's first typed prompt is all the basename needs of its messages.
      const named = body ? { ...session, messages: body.firstPrompt ? [body.firstPrompt] : [] } : session;
      const plain = sanitizeSegment(sessionBasename(named), 'session');
      const name = basename ?? plain;
      const files = await writeSessionFiles(env, {
        session,
        body,
        dir,
        basename: name,
        messageCount,
        ref,
        contentHash,
        attachments: store.take(),
        // A session the index has never seen has no files yet (a lost index is rebuilt from the twins first).
        fresh: entry === undefined,
      });
      return { kind: 'export', dir, plain, basename: name, files, entry: draft(session), warnings };
    } finally {
      body?.dispose();
    }
  } finally {
    store.dispose();
  }
}

/** The transform's text redaction, for saved text payloads. */
function textRedaction(transform: SessionTransform | undefined): ((text: string) => string) | undefined {
  return transform?.applyText ? (text) => transform.applyText?.(text) ?? text : undefined;
}

/** The session's header through the transform, for the index entry of a session that is not exported. */
function transformHeader(env: PrepareEnv, session: Session): Session {
  const { transform } = env.options;
  if (!transform) return session;
  const { children: _children, ...header } = session;
  return transform.apply({ ...header, messages: [] });
}

/** The JSON twin the session's previous export wrote, if the index knows one. */
function previousTwin(env: PrepareEnv, entry: IndexEntry | undefined): string | undefined {
  const twin = entry?.outputs.find((path) => /(^|\/)\.[^/]+\.json$/.test(path));
  return twin ? join(env.outputRoot, ...twin.split('/')) : undefined;
}

/** Why a session with no message but diagnostics fails: what could not be read, with counts. */
function unreadable(diagnostics: Session['diagnostics']): ConvxError {
  const what = diagnostics.map(
    (d) =>
      `${d.message.replace(/; (skipped|ignored)$/, '')}${d.count > 1 ? ` ×${d.count}` : ''}${d.line ? ` (first at line ${d.line})` : ''}`,
  );
  return new ConvxError('UNREADABLE_SESSION', `no message in it could be read: ${what.join('; ')}`);
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

function entryDraft(
  env: PrepareEnv,
  ids: { key: string; sessionId: string },
  ref: SessionRef,
  contentHash: string | undefined,
  header: Session,
  messageCount: number,
  skip?: SkipReason,
): EntryDraft {
  const entry: EntryDraft = {
    key: ids.key,
    source: header.source,
    sessionId: ids.sessionId,
    fingerprint: ref.fingerprint,
    renderKey: env.renderKey,
    sourcePath: header.sourceLocation.path,
    messageCount,
    models: header.models,
    exportedAt: env.now,
  };
  const optional = {
    contentHash,
    title: header.title,
    cwd: header.cwd,
    startedAt: header.startedAt,
    endedAt: header.endedAt,
    user: env.options.labels?.user,
    systemName: env.options.labels?.systemName,
    skipped: skip,
  };
  for (const [k, v] of Object.entries(optional))
    if (v !== undefined) (entry as unknown as Record<string, unknown>)[k] = v;
  return entry;
}
