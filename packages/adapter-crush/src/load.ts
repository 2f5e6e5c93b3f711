import {
  type AdapterContext,
  ConvxError,
  createSession,
  type JsonRecord,
  type Message,
  type Session,
  type SessionRef,
  toIsoTime,
} from '@convx/core';
import { type CrushDatabase, openDatabase, readSession, schemaVersion } from './db.js';
import { convertMessages } from './parse.js';
import type { CrushRefData } from './types.js';

/** Crush's title before one is generated. */
const PLACEHOLDER_TITLE = 'New Session';

/** Loads a discovered session with its subagent sessions nested; the database is opened once, read-only. */
export async function loadSession(ctx: AdapterContext, ref: SessionRef<CrushRefData>): Promise<Session> {
  const plan = ref.data;
  if (!plan || plan.sessionId !== ref.sessionId) {
    throw new ConvxError('INVALID_SESSION', `crush: ${ref.path} was not discovered by this adapter`, 'crush');
  }
  const crush = openDatabase(plan.dbPath);
  try {
    return build(ctx, crush, plan, schemaVersion(crush));
  } finally {
    crush.close();
  }
}

function build(
  ctx: AdapterContext,
  crush: CrushDatabase,
  plan: CrushRefData,
  schema: number | undefined,
  spawnedBy?: Message,
): Session {
  ctx.signal.throwIfAborted();
  const data = readSession(crush, plan.sessionId);
  if (!data) throw new Error(`crush: session ${plan.sessionId} is no longer in ${plan.dbPath}`);
  const diagnostics = ctx.diagnostics();
  const messages = convertMessages(data.messages, { diagnostics, keep: ctx.attachment, path: plan.dbPath });
  const models: string[] = [];
  const providers: string[] = [];
  for (const row of data.messages) {
    if (row.model && !models.includes(row.model)) models.push(row.model);
    if (row.provider && !providers.includes(row.provider)) providers.push(row.provider);
  }
  // A subagent session's id is the id of the parent's tool call that started it.
  const children = plan.children.map((child) =>
    build(
      ctx,
      crush,
      child,
      schema,
      messages.find((m) => m.kind === 'tool-call' && m.callId === child.sessionId),
    ),
  );
  const { session } = data;
  const title = cleanTitle(session.title);
  const meta: JsonRecord = {};
  if (schema !== undefined) meta.schema = schema;
  if (providers.length) meta.providers = providers;
  if (session.promptTokens || session.completionTokens)
    Object.assign(meta, {
      promptTokens: session.promptTokens ?? 0,
      completionTokens: session.completionTokens ?? 0,
    });
  if (session.cost) meta.cost = Math.round(session.cost * 1e6) / 1e6;
  const prompt = spawnedBy?.kind === 'tool-call' ? promptOf(spawnedBy.input) : undefined;
  return createSession({
    source: 'crush',
    sessionId: plan.sessionId,
    sourceLocation: { path: plan.dbPath, locator: `sessions:${plan.sessionId}` },
    title,
    cwd: plan.cwd,
    startedAt: toIsoTime(session.createdAt),
    endedAt: messages.length ? undefined : toIsoTime(session.updatedAt),
    models,
    messages,
    diagnostics: diagnostics.list(),
    children,
    agent: plan.parentId
      ? {
          id: plan.sessionId,
          ...(spawnedBy?.kind === 'tool-call' ? { type: spawnedBy.name } : {}),
          ...((prompt ?? title) ? { description: firstLine(prompt ?? title ?? '') } : {}),
        }
      : undefined,
    meta,
  });
}

/** The title without a reasoning model's `<think>…</think>` (closed or cut off) and without the placeholder. */
export function cleanTitle(raw: string | undefined): string | undefined {
  const title = raw
    ?.replace(/<think>[\s\S]*?(<\/think>|$)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return title && title !== PLACEHOLDER_TITLE ? title : undefined;
}

function promptOf(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const prompt = (input as Record<string, unknown>).prompt;
  return typeof prompt === 'string' && prompt.trim() ? prompt.trim() : undefined;
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0]?.trim() ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
