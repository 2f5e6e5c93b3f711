import {
  type AdapterContext,
  assignDefined,
  createSession,
  type DiagnosticsCollector,
  isRecord,
  loadFromStream,
  type MessageSink,
  type Session,
  type SessionRef,
  TimeSpan,
  toIsoTime,
} from '@convx/core';
import { streamHistory } from './legacy.js';
import { EventParser } from './parse.js';
import type { CopilotCliRefData, ParseSettings, WorkspaceFacts } from './types.js';
import { readWorkspace } from './workspace.js';

export const SOURCE = 'copilot-cli';
const DEFAULT_SETTINGS: ParseSettings = { redactedThinking: true };

// Events are written `{"type":…` first. These never make a message and can be big (the system prompt is
// repeated every turn), so they are dropped before JSON.parse; a line that does not match is just parsed.
const SKIPPED_HEAD = /^\{"type":"(?:system\.message|hook\.|permission\.|session\.usage_info|[a-z_.]+_delta")/;
const keepLine = (head: string): boolean => !SKIPPED_HEAD.test(head);

/**
 * Streams one session of any generation: the event logs line by line (each message handed on as its event
 * is read; subagents come back whole as `children`), a history file whole (it is one JSON object).
 */
export async function streamSession(
  ctx: AdapterContext,
  ref: SessionRef<CopilotCliRefData>,
  emit: MessageSink,
  settings: ParseSettings = DEFAULT_SETTINGS,
): Promise<Session> {
  if (ref.data?.format === 'history-json') return streamHistory(ctx, ref, emit);
  const diagnostics = ctx.diagnostics();
  const workspacePath = ref.data?.workspace;
  const workspace: WorkspaceFacts = workspacePath ? await readWorkspace(ctx, workspacePath, diagnostics) : {};
  const parser = new EventParser(ctx, emit, settings);
  const span = new TimeSpan();
  const lines = lastLineTolerant(diagnostics);
  if (!ref.data?.noEvents)
    await ctx.eachJsonl(
      ref.path,
      (value, line) => {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        lines.record();
        if (!isRecord(value)) {
          diagnostics.add('malformed-line', 'line is not an event object; skipped', { path: ref.path, line });
          return;
        }
        span.add(toIsoTime(value.timestamp));
        parser.apply(value);
      },
      lines.collector,
      { filter: keepLine, filterHeadBytes: 64 },
    );
  const f = parser.facts;
  span.add(f.startTime);
  const cwd = workspace.cwd ?? f.cwd;
  return createSession({
    source: SOURCE,
    sessionId: ref.sessionId,
    title: workspace.title ?? f.title,
    cwd,
    gitBranch: workspace.branch ?? f.branch,
    startedAt: f.startTime ?? span.startedAt,
    endedAt: span.endedAt,
    models: parser.main.models,
    sourceLocation: workspacePath ? { path: ref.path, extraPaths: [workspacePath] } : { path: ref.path },
    messages: [],
    diagnostics: diagnostics.list(),
    children: parser.agents.sessions(ref.sessionId, { source: SOURCE, path: ref.path, cwd }),
    meta: assignDefined<Record<string, unknown>>(
      { format: ref.data?.format ?? 'event-log' },
      {
        copilotVersion: f.copilotVersion,
        repository: workspace.repository ?? f.repository,
        gitRoot: workspace.gitRoot ?? f.gitRoot,
        headCommit: f.headCommit,
        hostType: f.hostType,
        premiumRequests: f.premiumRequests,
        linesAdded: f.linesAdded,
        linesRemoved: f.linesRemoved,
      },
    ),
  });
}

/** Reads one session whole: its streamed messages collected, so load and stream never disagree. */
export const loadSession = (
  ctx: AdapterContext,
  ref: SessionRef<CopilotCliRefData>,
  settings: ParseSettings = DEFAULT_SETTINGS,
): Promise<Session> =>
  loadFromStream<CopilotCliRefData>((c, r, emit) => streamSession(c, r, emit, settings), ctx, ref);

/**
 * Counts malformed lines, except the very last one: Copilot CLI appends to a session's log while it runs,
 * so a last line cut short is the event being written (or the one a crash interrupted), not damage.
 */
function lastLineTolerant(inner: DiagnosticsCollector): {
  collector: DiagnosticsCollector;
  record(): void;
} {
  let pending: { message: string; where: { path?: string; line?: number } | undefined } | undefined;
  const flush = () => {
    if (pending) inner.add('malformed-line', pending.message, pending.where);
    pending = undefined;
  };
  return {
    collector: {
      add(code, message, where) {
        if (code !== 'malformed-line') {
          inner.add(code, message, where);
          return;
        }
        flush();
        pending = { message, where };
      },
      list: () => inner.list(),
      get size() {
        return inner.size;
      },
    },
    record: flush,
  };
}
