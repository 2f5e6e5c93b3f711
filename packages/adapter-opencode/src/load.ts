import {
  type AdapterContext,
  ConvxError,
  createSession,
  type Session,
  type SessionRef,
  toIsoTime,
} from '@convx/core';
import { type OcDatabase, openDatabase, readSession } from './db.js';
import { agentTypeOf, convertMessages } from './parse.js';
import { readSavedOutputs } from './saved-outputs.js';
import { readStorageSession } from './storage.js';
import type { OcPlan, OcSessionData, OpencodeRefData } from './types.js';

/** OpenCode's placeholder titles, replaced by a real one once the first prompt is summarized. */
const PLACEHOLDER_TITLE = /^(New session|Child session) - \d{4}-\d{2}-\d{2}T/;
/** What OpenCode appends to a subagent session's title: ` (@explore subagent)`. */
const SUBAGENT_SUFFIX = /\s*\(@[\w-]+ subagent\)\s*$/;

/** Loads a discovered session with its child sessions nested. Opens each database once, read-only. */
export async function loadSession(
  ctx: AdapterContext,
  ref: SessionRef<OpencodeRefData>,
  source = 'opencode',
): Promise<Session> {
  const plan = ref.data;
  if (!plan || plan.sessionId !== ref.sessionId || !plan.origin) {
    throw new ConvxError(
      'INVALID_SESSION',
      `${source}: ${ref.path} was not discovered by this adapter`,
      source,
    );
  }
  const open = new Map<string, OcDatabase>();
  try {
    return await buildSession(ctx, plan, open, source);
  } finally {
    for (const db of open.values()) db.close();
  }
}

async function buildSession(
  ctx: AdapterContext,
  plan: OcPlan,
  open: Map<string, OcDatabase>,
  source: string,
): Promise<Session> {
  ctx.signal.throwIfAborted();
  const diagnostics = ctx.diagnostics();
  const { origin } = plan;
  let data: OcSessionData | undefined;
  if (origin.store === 'db') {
    let db = open.get(origin.path);
    if (!db) {
      db = openDatabase(origin.path);
      open.set(origin.path, db);
    }
    data = readSession(db, plan.sessionId);
  } else data = await readStorageSession(ctx, plan, diagnostics);
  const path = origin.store === 'db' ? origin.path : origin.sessionFile;
  if (!data) throw new Error(`${source}: session ${plan.sessionId} is no longer in ${path}`);

  const savedOutputs = await readSavedOutputs(ctx, data, origin);
  const messages = convertMessages(data, {
    diagnostics,
    keep: ctx.attachment,
    savedOutputs,
    sourcePath: path,
  });
  const models: string[] = [];
  for (const m of messages) if (m.model && !models.includes(m.model)) models.push(m.model);
  const children: Session[] = [];
  for (const child of plan.children) children.push(await buildSession(ctx, child, open, source));
  const { info } = data;
  const agentType = agentTypeOf(data);
  const title = titleOf(info.title, plan.parentId !== undefined);
  return createSession({
    source,
    sessionId: plan.sessionId,
    sourceLocation: { path, ...(origin.store === 'db' ? { locator: `session:${plan.sessionId}` } : {}) },
    title,
    cwd: info.directory,
    startedAt: toIsoTime(info.timeCreated),
    endedAt: messages.length ? undefined : toIsoTime(info.timeUpdated),
    models,
    messages,
    diagnostics: diagnostics.list(),
    children,
    agent: plan.parentId
      ? {
          id: plan.sessionId,
          ...(agentType ? { type: agentType } : {}),
          ...(title ? { description: title } : {}),
        }
      : undefined,
    meta: {
      ...(info.projectId ? { projectId: info.projectId } : {}),
      ...(info.version ? { version: info.version } : {}),
      store: origin.store,
    },
  });
}

/**
 * The session's title, without OpenCode's placeholder. A child session's ` (@explore subagent)` suffix is
 * dropped: the agent type is kept apart and shown beside the title.
 */
function titleOf(raw: string | undefined, isChild: boolean): string | undefined {
  if (!raw || PLACEHOLDER_TITLE.test(raw)) return undefined;
  return (isChild && raw.replace(SUBAGENT_SUFFIX, '').trim()) || raw;
}
