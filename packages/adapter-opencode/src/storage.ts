import { basename, dirname, join } from 'node:path';
import type { AdapterContext, DiagnosticsCollector, WalkEntry } from '@convx/core';
import { assignDefined, compareText } from '@convx/core';
import { nonEmpty, recordOf } from './parse.js';
import { STORAGE_DIR } from './paths.js';
import type { OcMessage, OcPart, OcPlan, OcSessionData, OcSessionInfo } from './types.js';

const stem = (path: string) => basename(path).replace(/\.json$/, '');
const stampOf = (e: WalkEntry) => `${e.path}|${e.size}|${e.mtimeMs}`;

/**
 * Finds the sessions of the older JSON storage tree (`storage/session/<project>/<id>.json`, messages under
 * `storage/message/<session>/`, parts under `storage/part/<message>/`). Three walks in all, stats only; the
 * session file's parent id is cached by size and mtime. Plans come back flat (nesting is done by the caller).
 */
export async function discoverStorage(ctx: AdapterContext, root: string): Promise<OcPlan[]> {
  const storage = join(root, STORAGE_DIR);
  const walk = (dir: string) => ctx.walk(join(storage, dir), { patterns: ['*/*.json'], deep: 2 });

  const partsByMessage = new Map<string, WalkEntry[]>();
  for (const entry of walk('part')) push(partsByMessage, basename(dirname(entry.path)), entry);
  const messagesBySession = new Map<string, WalkEntry[]>();
  for (const entry of walk('message')) push(messagesBySession, basename(dirname(entry.path)), entry);

  const plans: OcPlan[] = [];
  for (const entry of walk('session')) {
    let head: SessionHead;
    try {
      head = await peekSession(ctx, entry);
    } catch (error) {
      ctx.report({
        path: entry.path,
        message: `unreadable OpenCode session file: ${(error as Error).message}`,
      });
      continue;
    }
    const messageEntries = (messagesBySession.get(head.id) ?? []).sort(byPath);
    const messages = messageEntries.map((m) => ({
      path: m.path,
      parts: (partsByMessage.get(stem(m.path)) ?? []).sort(byPath).map((p) => p.path),
    }));
    const stamps = [
      entry,
      ...messageEntries,
      ...messageEntries.flatMap((m) => partsByMessage.get(stem(m.path)) ?? []),
    ];
    plans.push({
      sessionId: head.id,
      ...(head.parentId ? { parentId: head.parentId } : {}),
      ...(head.updated !== undefined ? { updated: head.updated } : {}),
      fingerprint: `storage:${ctx.hash(stamps.map(stampOf).join('\n'))}`,
      origin: { store: 'storage', sessionFile: entry.path, messages },
      children: [],
    });
  }
  return plans;
}

/** What discovery needs of a session file: its id, its parent, and when the session was last updated. */
interface SessionHead {
  id: string;
  parentId?: string;
  updated?: number;
}

async function peekSession(ctx: AdapterContext, entry: WalkEntry): Promise<SessionHead> {
  const key = `storage-session:v2\u0000${entry.path}\u0000${entry.size}\u0000${entry.mtimeMs}`;
  const cached = ctx.cache.get(key) as Partial<Record<keyof SessionHead, unknown>> | undefined;
  if (cached && typeof cached.id === 'string') {
    return {
      id: cached.id,
      ...(typeof cached.parentId === 'string' ? { parentId: cached.parentId } : {}),
      ...(typeof cached.updated === 'number' ? { updated: cached.updated } : {}),
    };
  }
  const doc = recordOf(await ctx.readJson(entry.path));
  const id = typeof doc.id === 'string' && doc.id ? doc.id : stem(entry.path);
  const updated = recordOf(doc.time).updated;
  const head: SessionHead = {
    id,
    ...(typeof doc.parentID === 'string' && doc.parentID ? { parentId: doc.parentID } : {}),
    ...(typeof updated === 'number' ? { updated } : {}),
  };
  ctx.cache.set(key, head);
  return head;
}

/** Reads one storage-tree session; unreadable message or part files are counted, not fatal. */
export async function readStorageSession(
  ctx: AdapterContext,
  plan: OcPlan,
  diagnostics: DiagnosticsCollector,
): Promise<OcSessionData> {
  if (plan.origin.store !== 'storage') throw new Error('not a storage session');
  const doc = recordOf(await ctx.readJson(plan.origin.sessionFile));
  const time = recordOf(doc.time);
  const info = assignDefined<OcSessionInfo>(
    { id: plan.sessionId },
    {
      parentId: nonEmpty(doc.parentID),
      projectId: nonEmpty(doc.projectID),
      directory: nonEmpty(doc.directory),
      title: nonEmpty(doc.title),
      version: nonEmpty(doc.version),
      timeCreated: typeof time.created === 'number' ? time.created : undefined,
      timeUpdated: typeof time.updated === 'number' ? time.updated : undefined,
    },
  );

  const messages: OcMessage[] = [];
  const parts: OcPart[] = [];
  for (const file of plan.origin.messages) {
    const data = await readRecord(ctx, file.path, diagnostics);
    if (!data) continue;
    const id = nonEmpty(data.id) ?? stem(file.path);
    const created = recordOf(data.time).created;
    messages.push({ id, data, ...(typeof created === 'number' ? { timeCreated: created } : {}) });
    for (const partPath of file.parts) {
      const part = await readRecord(ctx, partPath, diagnostics);
      if (part) parts.push({ id: nonEmpty(part.id) ?? stem(partPath), messageId: id, data: part });
    }
  }
  messages.sort((a, b) => (a.timeCreated ?? 0) - (b.timeCreated ?? 0) || compareText(a.id, b.id));
  parts.sort((a, b) => compareText(a.id, b.id));
  return { info, messages, parts };
}

async function readRecord(
  ctx: AdapterContext,
  path: string,
  diagnostics: DiagnosticsCollector,
): Promise<Record<string, unknown> | undefined> {
  try {
    return recordOf(await ctx.readJson(path));
  } catch {
    diagnostics.add('unreadable-file', 'OpenCode storage file is missing or not valid JSON; skipped', {
      path,
    });
    return undefined;
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function byPath(a: { path: string }, b: { path: string }): number {
  return compareText(a.path, b.path);
}
