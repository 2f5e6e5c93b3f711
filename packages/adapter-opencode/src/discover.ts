import { join } from 'node:path';
import type { AdapterContext, SessionRef } from '@convx/core';
import { listSessions, type OcSessionStamp, openDatabase } from './db.js';
import { discoverStorage } from './storage.js';
import type { OcPlan, OcStore, OpencodeRefData } from './types.js';

const OPENCODE: OcStore = { source: 'opencode', displayName: 'OpenCode', databaseFile: 'opencode.db' };

/**
 * Lists OpenCode sessions from the database (one aggregate query) and the older storage tree. When both hold
 * a session, the fresher copy wins (by the session's own update time; the database on a tie). A storage copy
 * of a session the database held at its last successful read is used only if it is fresher than that: when
 * the database is gone, cannot be read, or no longer has the session, what earlier runs exported from it
 * stays as it is instead of being replaced by an older copy. Child sessions are nested under their parent
 * and never listed on their own; a child whose parent is missing is listed standalone.
 */
export async function discoverSessions(
  ctx: AdapterContext,
  locations: string[],
  store: OcStore = OPENCODE,
): Promise<SessionRef<OpencodeRefData>[]> {
  const plans = new Map<string, OcPlan>();
  const offer = (plan: OcPlan) => {
    const held = plans.get(plan.sessionId);
    if (!held || isFresher(plan.updated, held.updated)) plans.set(plan.sessionId, plan);
  };
  for (const location of locations) {
    const stat = await ctx.stat(location);
    const dbPath = stat?.isFile ? location : join(location, store.databaseFile);
    const known = dbMemory(ctx, dbPath);
    const db = await readDatabase(ctx, dbPath, stat?.isFile ? stat : await ctx.stat(dbPath), store);
    if (db.sessions) known.remember(db.sessions);
    for (const row of db.sessions ?? []) {
      offer({
        sessionId: row.id,
        ...(row.parentId ? { parentId: row.parentId } : {}),
        ...(row.updated !== undefined ? { updated: row.updated } : {}),
        fingerprint: `db:${row.stamp}`,
        origin: { store: 'db', path: dbPath },
        children: [],
      });
    }
    if (stat?.isFile) continue;
    for (const plan of await discoverStorage(ctx, location)) {
      // A database that cannot be read and was never read: which sessions it holds is unknown.
      if (db.unreadable && !known.before) continue;
      if (known.had(plan.sessionId) && !isFresher(plan.updated, known.updatedOf(plan.sessionId))) continue;
      offer(plan);
    }
  }
  const refs: SessionRef<OpencodeRefData>[] = [];
  for (const root of nest(plans)) {
    const all = flatten(root);
    const storageOnly = all.every((p) => p.origin.store === 'storage');
    refs.push({
      sessionId: root.sessionId,
      fingerprint:
        all.length > 1
          ? ctx.hash(all.map((p) => `${p.sessionId}=${p.fingerprint}`).join('\n'))
          : root.fingerprint,
      path: root.origin.store === 'db' ? root.origin.path : root.origin.sessionFile,
      ...(storageOnly ? { files: all.flatMap(storageFiles) } : {}),
      data: root,
    });
  }
  return refs;
}

/** The database's sessions, or that it is missing or could not be read (reported with its path). */
async function readDatabase(
  ctx: AdapterContext,
  dbPath: string,
  stat: { isFile: boolean } | undefined,
  store: OcStore,
): Promise<{ sessions?: OcSessionStamp[]; unreadable?: true }> {
  if (!stat?.isFile) return {};
  try {
    const ocdb = openDatabase(dbPath);
    try {
      return { sessions: listSessions(ocdb) };
    } finally {
      ocdb.close();
    }
  } catch (error) {
    ctx.report({
      path: dbPath,
      message: `${store.displayName} database could not be read (${(error as Error).message}); the sessions in it keep what earlier runs exported`,
    });
    return { unreadable: true };
  }
}

/** Whether a copy is fresher than the one held: only when both times are known and it is strictly later. */
function isFresher(candidate: number | undefined, held: number | undefined): boolean {
  return candidate !== undefined && held !== undefined && candidate > held;
}

/**
 * The sessions a database held at its last successful read, with their update times, kept in the
 * discovery cache (read every run, so it lasts as long as the location is looked at).
 */
function dbMemory(ctx: AdapterContext, dbPath: string) {
  const key = `db-sessions:v1\u0000${dbPath}`;
  const stored = ctx.cache.get(key);
  const before =
    typeof stored === 'object' && stored !== null ? (stored as Record<string, number | null>) : undefined;
  return {
    before,
    had: (id: string) => before !== undefined && Object.hasOwn(before, id),
    updatedOf: (id: string) => {
      const updated = before?.[id];
      return typeof updated === 'number' ? updated : undefined;
    },
    remember: (sessions: OcSessionStamp[]) => {
      const now: Record<string, number | null> = {};
      for (const s of sessions) now[s.id] = s.updated ?? null;
      ctx.cache.set(key, now);
    },
  };
}

/** Attaches each child to its parent when the parent is known (and no cycle forms); returns the roots. */
function nest(plans: Map<string, OcPlan>): OcPlan[] {
  const roots: OcPlan[] = [];
  const sorted = [...plans.values()].sort((a, b) => (a.sessionId < b.sessionId ? -1 : 1));
  for (const plan of sorted) {
    const parent = plan.parentId === undefined ? undefined : plans.get(plan.parentId);
    if (parent && !descendsFrom(parent, plan.sessionId, plans)) parent.children.push(plan);
    else roots.push(plan);
  }
  return roots;
}

function descendsFrom(plan: OcPlan, ancestorId: string, plans: Map<string, OcPlan>): boolean {
  const seen = new Set<string>();
  for (let at: OcPlan | undefined = plan; at && !seen.has(at.sessionId); at = plans.get(at.parentId ?? '')) {
    if (at.sessionId === ancestorId) return true;
    seen.add(at.sessionId);
  }
  return false;
}

function flatten(plan: OcPlan): OcPlan[] {
  return [plan, ...plan.children.flatMap(flatten)];
}

function storageFiles(plan: OcPlan): string[] {
  if (plan.origin.store !== 'storage') return [];
  return [plan.origin.sessionFile, ...plan.origin.messages.flatMap((m) => [m.path, ...m.parts])];
}
