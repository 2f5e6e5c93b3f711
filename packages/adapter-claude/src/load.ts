import { basename } from 'node:path';
import type { AdapterContext, MessageSink, Session, SessionRef } from '@convx/core';
import { compareText, createSession, isRecord, loadFromStream, TimeSpan } from '@convx/core';
import { childSession, loadChild, Sidechains, SOURCE } from './load-children.js';
import { readRecords } from './load-records.js';
import { indexHint } from './load-sessions-index.js';
import { TranscriptParser } from './parse.js';
import { cwdFromFolderName } from './paths.js';
import { type ClaudeRefData, type ClaudeSettings, DEFAULT_SETTINGS, type SourceFile } from './types.js';

export { SOURCE };

/**
 * Reads one conversation: its files in order (continuations after the original), its own messages handed
 * to `emit` as they settle, then every subagent as a whole child session. Resolves to the session with
 * `messages: []`. A conversation whose own transcript is gone (an orphaned subagent folder) has no messages
 * of its own and its subagents as children.
 */
export async function streamClaude(
  ctx: AdapterContext,
  ref: SessionRef<ClaudeRefData>,
  emit: MessageSink,
  settings: ClaudeSettings = DEFAULT_SETTINGS,
): Promise<Session> {
  const data = refData(ref);
  const diagnostics = ctx.diagnostics();
  const ownSpan = new TimeSpan();
  const saved = new Map((data.toolResults ?? []).map((path) => [basename(path), path]));
  const parser = new TranscriptParser(ctx, saved, (message) => {
    ownSpan.add(message.timestamp);
    emit(message);
  });
  const sidechains = new Sidechains(ctx, saved);
  await readRecords(ctx, data.files, diagnostics, (record) =>
    isRecord(record) && record.isSidechain === true ? sidechains.add(record) : parser.add(record),
  );
  parser.finish();

  const children: Session[] = [];
  for (const plan of data.children) {
    const childParser = sidechains.take(plan.agentId) ?? new TranscriptParser(ctx, saved);
    children.push(await loadChild(ctx, ref.sessionId, plan, parser.calls.byAgentId, childParser));
  }
  for (const [agentId, chain] of sidechains.parsers) {
    const where = { path: data.files[0]?.path ?? ref.path, extraPaths: [] };
    const firstPrompt = chain.messages.find((m) => m.kind === 'text' && m.role === 'user');
    const call =
      parser.calls.byAgentId.get(agentId) ??
      parser.calls.forPrompt(firstPrompt?.kind === 'text' ? firstPrompt.text : undefined);
    children.push(childSession(ref.sessionId, agentId, chain, call, {}, where));
  }
  children.sort(
    (a, b) => compareText(a.startedAt ?? '', b.startedAt ?? '') || compareText(a.sessionId, b.sessionId),
  );

  const orphaned = data.files.length === 0;
  const hint = settings.sessionsIndex ? await indexHint(ctx, data.projectDirs, ref.sessionId) : undefined;
  const firstDir = data.projectDirs[0];
  const cwd =
    parser.cwd ??
    children.find((c) => c.cwd)?.cwd ??
    hint?.projectPath ??
    (firstDir ? cwdFromFolderName(basename(firstDir)) : undefined);
  const title = parser.title() ?? hint?.summary ?? (orphaned ? orphanTitle(hint, children) : undefined);
  const meta: Record<string, unknown> = {};
  if (parser.version) meta.version = parser.version;
  if (orphaned) meta.orphaned = true;
  // An orphan has no messages of its own: its time span is its subagents'.
  const span = orphaned ? childSpan(children) : { startedAt: ownSpan.startedAt, endedAt: ownSpan.endedAt };
  return createSession({
    source: SOURCE,
    sessionId: ref.sessionId,
    ...span,
    title,
    cwd,
    models: parser.models,
    gitBranch: parser.gitBranch ?? children.find((c) => c.gitBranch)?.gitBranch,
    sourceLocation: location(ref.path, data.files),
    messages: [],
    diagnostics: diagnostics.list(),
    children,
    meta,
  });
}

/** The whole session, its messages collected from {@link streamClaude}: one code path for both. */
export function loadClaude(
  ctx: AdapterContext,
  ref: SessionRef<ClaudeRefData>,
  settings: ClaudeSettings = DEFAULT_SETTINGS,
): Promise<Session> {
  return loadFromStream((c, r, emit) => streamClaude(c, r, emit, settings), ctx, ref);
}

function childSpan(children: Session[]): { startedAt?: string; endedAt?: string } {
  const starts = children.flatMap((c) => (c.startedAt ? [c.startedAt] : [])).sort(compareText);
  const ends = children.flatMap((c) => (c.endedAt ? [c.endedAt] : [])).sort(compareText);
  const span: { startedAt?: string; endedAt?: string } = {};
  if (starts[0]) span.startedAt = starts[0];
  if (ends.length) span.endedAt = ends[ends.length - 1];
  return span;
}

function orphanTitle(hint: { firstPrompt?: string } | undefined, children: Session[]): string {
  if (hint?.firstPrompt) return hint.firstPrompt;
  const described = children.find((c) => c.agent?.description)?.agent?.description;
  return described ? `Subagents of a deleted session: ${described}` : 'Subagents of a deleted session';
}

function location(path: string, files: SourceFile[]) {
  const extraPaths = files.map((f) => f.path).filter((p) => p !== path);
  return extraPaths.length ? { path, extraPaths } : { path };
}

/** The plan discovery made; a bare ref (e.g. built by hand) is read as one transcript file. */
function refData(ref: SessionRef<ClaudeRefData>): ClaudeRefData {
  const data = ref.data;
  if (data && Array.isArray(data.files) && Array.isArray(data.children) && Array.isArray(data.projectDirs)) {
    return data;
  }
  return { files: [{ path: ref.path, size: 0, mtimeMs: 0 }], children: [], projectDirs: [] };
}
