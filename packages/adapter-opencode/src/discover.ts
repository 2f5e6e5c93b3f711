import { join } from 'node:path';
import type { AdapterContext, SessionRef } from '@convx/core';
import { listSessions, openDatabase } from './db.js';
import { DB_FILE } from './paths.js';
import { discoverStorage } from './storage.js';
import type { OcPlan } from './types.js';

/**
 * Lists OpenCode sessions from the database (one aggregate query) and the older storage tree, keeping the
 * database's copy of a session found in both. Child sessions are nested under their parent and never
 * yielded on their own; a child whose parent is missing is yielded standalone.
 */
export async function* discoverSessions(ctx: AdapterContext, locations: string[]): AsyncIterable<SessionRef> {
  const plans = new Map<string, OcPlan>();
  for (const location of locations) {
    const stat = await ctx.stat(location);
    const dbPath = stat?.isFile ? location : join(location, DB_FILE);
    if (!(stat?.isFile || (await ctx.stat(dbPath))?.isFile)) continue;
    try {
      const ocdb = openDatabase(dbPath);
      try {
        for (const row of listSessions(ocdb)) {
          if (plans.has(row.id)) continue;
          plans.set(row.id, {
            sessionId: row.id,
            ...(row.parentId ? { parentId: row.parentId } : {}),
            fingerprint: `db:${row.stamp}`,
            origin: { store: 'db', path: dbPath },
            children: [],
          });
        }
      } finally {
        ocdb.close();
      }
    } catch (error) {
      ctx.report({
        path: dbPath,
        message: `OpenCode database could not be read: ${(error as Error).message}`,
      });
    }
  }
  for (const location of locations) {
    if ((await ctx.stat(location))?.isFile) continue;
    for (const plan of await discoverStorage(ctx, location))
      if (!plans.has(plan.sessionId)) plans.set(plan.sessionId, plan);
  }
  for (const root of nest(plans)) {
    const all = flatten(root);
    const storageOnly = all.every((p) => p.origin.store === 'storage');
    yield {
      sessionId: root.sessionId,
      fingerprint:
        all.length > 1
          ? ctx.hash(all.map((p) => `${p.sessionId}=${p.fingerprint}`).join('\n'))
          : root.fingerprint,
      path: root.origin.store === 'db' ? root.origin.path : root.origin.sessionFile,
      ...(storageOnly ? { files: all.flatMap(storageFiles) } : {}),
      data: root,
    };
  }
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
