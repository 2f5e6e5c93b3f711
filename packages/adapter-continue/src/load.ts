import {
  type AdapterContext,
  arr,
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
import { convertHistory } from './parse.js';
import { cleanTitle, workspaceOf } from './text.js';
import type { ContinueRefData } from './types.js';

/**
 * Reads one session file. The file is one JSON document, read whole (Continue rewrites it whole on every
 * save; agent sessions reach a few MB). The start time comes from the index (`dateCreated`), else the
 * earliest time the file records, else its mtime; title and folder from the file, else the index.
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
  const doc = await ctx.readJson(data.file);
  if (!isRecord(doc) || !Array.isArray(doc.history))
    throw new Error(`${source}: ${data.file} is not a Continue session (no history list)`);
  const diagnostics = ctx.diagnostics();
  const sessionModel = str(doc.chatModelTitle);
  const { messages, usage } = convertHistory(arr(doc.history), {
    keep: ctx.attachment,
    diagnostics,
    path: data.file,
    ...(sessionModel ? { sessionModel } : {}),
  });
  const models: string[] = [];
  for (const m of messages) if (m.model && !models.includes(m.model)) models.push(m.model);
  const workspace = workspaceOf(str(doc.workspaceDirectory) || data.index?.workspaceDirectory);
  const started =
    data.index?.dateCreated ?? earliestRecorded(arr(doc.history)) ?? epochMs(doc.dateCreated) ?? data.mtimeMs;
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

/** The earliest reasoning start the history records (its only timestamps). */
function earliestRecorded(history: unknown[]): number | undefined {
  let earliest: number | undefined;
  for (const item of history) {
    const at = isRecord(item) && isRecord(item.reasoning) ? num(item.reasoning.startAt) : undefined;
    if (at !== undefined && (earliest === undefined || at < earliest)) earliest = at;
  }
  return earliest;
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
