import {
  type AdapterContext,
  assignDefined,
  ConvxError,
  createSession,
  isRecord,
  num,
  type Session,
  type SessionRef,
  str,
  toIsoTime,
} from '@convx/core';
import { epochMs } from './discover.js';
import { HistoryParser } from './parse-history.js';
import { cleanTitle, workspaceOf } from './text.js';
import type { ContinueRefData } from './types.js';

/** The session file's own fields convx reads; the rest (and the raw history items) are never held. */
const SESSION_FIELDS = ['title', 'workspaceDirectory', 'mode', 'chatModelTitle', 'usage', 'dateCreated'];

/**
 * Reads one session file, streamed item by item (a session reaches hundreds of MB with pasted files and
 * tool outputs): only the messages and the session's small fields are held. A file cut short keeps the items
 * before the cut (`truncated-json`). The start time comes from the index (`dateCreated`), else the earliest
 * time the file records, else its mtime; title and folder from the file, else the index.
 */
export async function loadSession(
  ctx: AdapterContext,
  ref: SessionRef<ContinueRefData>,
  source = 'continue',
): Promise<Session> {
  const data = ref.data;
  if (!data?.file) {
    throw new ConvxError(
      'INVALID_SESSION',
      `${source}: ${ref.path} was not discovered by this adapter`,
      source,
    );
  }
  const diagnostics = ctx.diagnostics();
  const parser = new HistoryParser({ keep: ctx.attachment, diagnostics, path: data.file });
  const doc: Record<string, unknown> = {};
  const { found } = await ctx.eachJsonItem(data.file, (item) => parser.add(item), {
    at: ['history'],
    fields: SESSION_FIELDS,
    onField: (key, value) => {
      doc[key] = value;
    },
    diagnostics,
  });
  if (!found) throw new Error(`${source}: ${data.file} is not a Continue session (no history list)`);
  const { messages, usage, earliest } = parser.finish(str(doc.chatModelTitle));
  const models: string[] = [];
  for (const m of messages) if (m.model && !models.includes(m.model)) models.push(m.model);
  const workspace = workspaceOf(str(doc.workspaceDirectory) || data.index?.workspaceDirectory);
  const started = data.index?.dateCreated ?? earliest ?? epochMs(doc.dateCreated) ?? data.mtimeMs;
  const meta: Record<string, unknown> = {};
  assignDefined(meta, {
    mode: str(doc.mode),
    remote: workspace.remote,
    usage: usageOf(doc.usage) ?? usage,
  });
  return createSession({
    source,
    sessionId: ref.sessionId,
    sourceLocation: { path: data.file },
    title: cleanTitle(str(doc.title)) ?? cleanTitle(data.index?.title),
    cwd: workspace.cwd,
    startedAt: toIsoTime(started),
    models,
    messages,
    diagnostics: diagnostics.list(),
    meta,
  });
}

/** The session-level usage the `cn` CLI writes (2025-12+): cost and tokens. */
function usageOf(value: unknown): Record<string, number> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, number> = {};
  assignDefined(out, {
    totalCost: num(value.totalCost),
    promptTokens: num(value.promptTokens),
    completionTokens: num(value.completionTokens),
    cachedTokens: isRecord(value.promptTokensDetails)
      ? num(value.promptTokensDetails.cachedTokens)
      : undefined,
  });
  return Object.keys(out).length ? out : undefined;
}
