import { resolve } from 'node:path';
import { type AdapterContext, compareText, type SessionRef } from '@convx/core';
import { listSessions, openDatabase, type SessionStamp } from './db.js';
import { databasesAt, type FoundDatabase } from './discover-projects.js';
import type { CrushRefData } from './types.js';

/**
 * Lists the sessions of every Crush database the locations lead to (each database once, one aggregate query
 * each). Subagent sessions are nested under their parent and never listed alone, unless the parent is gone.
 * A database that cannot be read is reported with its path; the others are still read.
 */
export async function discoverSessions(
  ctx: AdapterContext,
  locations: string[],
  walkMaxAgeMs: number,
): Promise<SessionRef<CrushRefData>[]> {
  const databases = new Map<string, FoundDatabase>();
  for (const location of locations) {
    for (const found of await databasesAt(ctx, location, walkMaxAgeMs)) {
      const key = resolve(found.dbPath);
      const held = databases.get(key);
      if (!held || (!held.cwd && found.cwd)) databases.set(key, found);
    }
  }
  const refs: SessionRef<CrushRefData>[] = [];
  const seen = new Set<string>();
  for (const found of [...databases.values()].sort((a, b) => compareText(a.dbPath, b.dbPath))) {
    const rows = await read(ctx, found);
    if (!rows) continue;
    const stamps = new Map(rows.map((row) => [row.id, row]));
    for (const plan of nest(rows, found)) {
      if (seen.has(plan.sessionId)) continue; // a copied project: the first database keeps the id
      seen.add(plan.sessionId);
      const parts = flatten(plan).map((p) => `${p.sessionId}=${stamps.get(p.sessionId)?.stamp}`);
      refs.push({
        sessionId: plan.sessionId,
        fingerprint:
          parts.length > 1
            ? `nested:${ctx.hash(parts.join('\n'))}`
            : (stamps.get(plan.sessionId)?.stamp ?? '-'),
        path: found.dbPath,
        ...(found.cwd ? { cwd: found.cwd } : {}),
        data: plan,
      });
    }
  }
  return refs;
}

/**
 * A database's sessions and their stamps; from the discovery cache while the database and its log keep their
 * size and mtime (every write changes one of them), so an unchanged project costs two `stat`s, not an open and
 * a query.
 */
async function read(ctx: AdapterContext, found: FoundDatabase): Promise<SessionStamp[] | undefined> {
  const db = await ctx.stat(found.dbPath);
  const log = await ctx.stat(`${found.dbPath}-wal`);
  const key = `sessions:v1\u0000${found.dbPath}\u0000${db?.size}:${db?.mtimeMs}\u0000${log?.size}:${log?.mtimeMs}`;
  const cached = ctx.cache.get(key);
  if (Array.isArray(cached)) return cached as SessionStamp[];
  try {
    const crush = openDatabase(found.dbPath);
    try {
      const rows = listSessions(crush);
      ctx.cache.set(key, rows);
      return rows;
    } finally {
      crush.close();
    }
  } catch (error) {
    ctx.report({
      path: found.dbPath,
      message: `Crush database could not be read (${(error as Error).message})`,
      ...(found.cwd ? { cwd: found.cwd } : {}),
    });
    return undefined;
  }
}

/** Attaches each subagent session to its parent (no cycles); returns the roots in id order. */
function nest(rows: SessionStamp[], found: FoundDatabase): CrushRefData[] {
  const plans = new Map<string, CrushRefData>();
  for (const row of rows) {
    plans.set(row.id, {
      sessionId: row.id,
      dbPath: found.dbPath,
      ...(found.cwd ? { cwd: found.cwd } : {}),
      ...(row.parentId ? { parentId: row.parentId } : {}),
      children: [],
    });
  }
  const roots: CrushRefData[] = [];
  for (const plan of plans.values()) {
    const parent = plan.parentId ? plans.get(plan.parentId) : undefined;
    if (parent && !descendsFrom(parent, plan.sessionId, plans)) parent.children.push(plan);
    else roots.push(plan);
  }
  return roots;
}

function descendsFrom(plan: CrushRefData, ancestorId: string, plans: Map<string, CrushRefData>): boolean {
  const seen = new Set<string>();
  for (
    let at: CrushRefData | undefined = plan;
    at && !seen.has(at.sessionId);
    at = plans.get(at.parentId ?? '')
  ) {
    if (at.sessionId === ancestorId) return true;
    seen.add(at.sessionId);
  }
  return false;
}

function flatten(plan: CrushRefData): CrushRefData[] {
  return [plan, ...plan.children.flatMap(flatten)];
}
