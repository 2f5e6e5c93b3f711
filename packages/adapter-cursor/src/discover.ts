import { basename, dirname, join } from 'node:path';
import { type AdapterContext, assignDefined, compareText, type SessionRef } from '@convx/core';
import { scanDatabase } from './discover-scan.js';
import { resolveProject } from './discover-workspace.js';
import { CursorDatabaseError } from './sqlite.js';
import type { CursorRefData, DatabaseScan, Era, Project } from './types.js';

/** One `state.vscdb` with the facts that make up its cache key. */
interface DatabaseFile {
  path: string;
  /** `size:mtime` of the database and of its write-ahead log: Cursor's writes land in the WAL first. */
  stamp: string;
  /** For a workspace database: its `workspaceStorage/<hash>/` folder and `workspace.json`. */
  workspace?: { dir: string; json?: string };
}

interface Candidate {
  data: CursorRefData;
  count: number;
  /** Breaks ties between copies of one composer: the global store is the newer one. */
  rank: number;
  stamp: string | number | undefined;
}

// 2: scans list the composers deleted in Cursor.
const CACHE_VERSION = 2;

/**
 * Finds every conversation under one Cursor user-data folder (or one `.vscdb` file): legacy chat tabs,
 * inline workspace composers and global composers, each mapped to the workspace that lists it. Each
 * database costs a stat when unchanged (its scan is cached by size and mtime of the file and its WAL);
 * a changed one is scanned in a handful of queries. A database that cannot be read is reported and skipped.
 */
export async function discoverUserDir(
  ctx: AdapterContext,
  location: string,
): Promise<SessionRef<CursorRefData>[]> {
  const refs: SessionRef<CursorRefData>[] = [];
  const info = await ctx.stat(location);
  if (!info) return refs;
  const databases = info.isFile ? [await statDatabase(ctx, location)] : await listDatabases(ctx, location);
  const candidates = new Map<string, Candidate>();
  const owners = new Map<string, DatabaseFile>();
  const scanned: [DatabaseFile, DatabaseScan][] = [];
  const byPath = new Map<string, DatabaseFile>();
  const projects = new Map<string, Promise<Project>>();
  const projectOf = ({ dir, json }: NonNullable<DatabaseFile['workspace']>) => {
    let project = projects.get(dir);
    if (!project) {
      project = resolveProject(dir, json);
      projects.set(dir, project);
    }
    return project;
  };
  for (const file of databases) {
    if (!file) continue;
    byPath.set(file.path, file);
    const problems: string[] = [];
    const scan = scanCached(ctx, file, problems);
    // A workspace database's problems name its project, so `convx sync` elsewhere can tell they are not its own.
    const cwd = problems.length && file.workspace ? (await projectOf(file.workspace)).cwd : undefined;
    for (const message of problems) ctx.report({ path: file.path, message, ...(cwd ? { cwd } : {}) });
    if (!scan) continue;
    scanned.push([file, scan]);
    for (const id of scan.listed) if (file.workspace && !owners.has(id)) owners.set(id, file);
  }
  for (const [file, scan] of scanned) {
    for (const tab of scan.tabs) {
      offer(candidates, file, 'legacy-chat', tab.id, tab.count, 0, tab.lastSendTime, {
        title: tab.title,
        lastUpdatedAt: tab.lastSendTime,
      });
    }
    for (const c of scan.workspaceComposers) {
      offer(candidates, file, 'workspace-inline', c.id, c.count, 1, c.lastUpdatedAt ?? c.createdAt, {
        title: c.name,
        createdAt: c.createdAt,
        lastUpdatedAt: c.lastUpdatedAt,
      });
    }
    for (const c of scan.globalComposers) {
      const era: Era = c.bubbles ? 'global-bubbles' : 'global-inline';
      offer(candidates, file, era, c.id, c.count, 2, c.lastUpdatedAt ?? c.createdAt, {
        title: c.name,
        createdAt: c.createdAt,
        lastUpdatedAt: c.lastUpdatedAt,
      });
    }
    // A conversation deleted in Cursor still has its row (NULL): listed with a skip reason, so the engine
    // counts it as skipped without loading it (what an earlier run wrote stays), unless another copy has messages.
    for (const id of scan.deleted) offer(candidates, file, 'deleted', id, 0, 2, undefined, {});
  }
  for (const [id, candidate] of candidates) {
    ctx.signal.throwIfAborted();
    // Tabs and inline composers belong to their own workspace; global composers to the one listing them.
    const own = candidate.data.era === 'legacy-chat' || candidate.data.era === 'workspace-inline';
    const owner = own ? byPath.get(candidate.data.db) : owners.get(id);
    if (owner?.workspace) {
      candidate.data.project = await projectOf(owner.workspace);
      if (owner.path !== candidate.data.db) candidate.data.workspaceDb = owner.path;
    }
    const cwd = candidate.data.project?.cwd;
    const identity = ctx.hash(JSON.stringify([candidate.data.title ?? null, candidate.data.project ?? null]));
    refs.push({
      sessionId: id,
      fingerprint: `${candidate.data.era}:${candidate.stamp ?? ''}:${candidate.count}:${identity.slice(0, 12)}`,
      path: candidate.data.db,
      ...(cwd ? { cwd } : {}),
      ...(candidate.data.era === 'deleted' ? { skip: 'deleted in Cursor' } : {}),
      data: candidate.data,
    });
  }
  return refs;
}

function offer(
  candidates: Map<string, Candidate>,
  file: DatabaseFile,
  era: Era,
  id: string,
  count: number,
  rank: number,
  stamp: string | number | undefined,
  extra: Pick<CursorRefData, 'title' | 'createdAt' | 'lastUpdatedAt'>,
): void {
  const existing = candidates.get(id);
  // The same composer can sit in a workspace db and in the global db: keep the richer copy.
  if (existing && (existing.count > count || (existing.count === count && existing.rank >= rank))) return;
  const data = assignDefined<CursorRefData>({ era, db: file.path, id }, extra);
  candidates.set(id, { data, count, rank, stamp });
}

/** The database's scan (cached by its stamp), or undefined when it cannot be read; problems go to `problems`. */
function scanCached(ctx: AdapterContext, file: DatabaseFile, problems: string[]): DatabaseScan | undefined {
  const key = `scan:v${CACHE_VERSION}:${file.path}:${file.stamp}`;
  let scan = ctx.cache.get(key) as DatabaseScan | { error: string } | undefined;
  if (!scan) {
    try {
      scan = scanDatabase(file.path);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // A corrupt file stays corrupt until rewritten (which changes the key); a lock may be gone next run.
      if (error instanceof CursorDatabaseError && !error.transient) ctx.cache.set(key, { error: message });
      problems.push(message);
      return undefined;
    }
    ctx.cache.set(key, scan);
  }
  if ('error' in scan) {
    problems.push(scan.error);
    return undefined;
  }
  for (const bad of scan.invalid) problems.push(`${bad} holds invalid JSON; that conversation was skipped`);
  return scan;
}

/** The global database and every workspace database of a user-data folder, workspaces in name order. */
async function listDatabases(ctx: AdapterContext, userDir: string): Promise<(DatabaseFile | undefined)[]> {
  const root = join(userDir, 'workspaceStorage');
  const byDir = new Map<string, { db?: string; wal?: string; json?: string; dbStamp?: string }>();
  for (const entry of ctx.walk(root, {
    patterns: ['*/state.vscdb', '*/state.vscdb-wal', '*/workspace.json'],
    deep: 2,
  })) {
    const dir = dirname(entry.path);
    const slot = byDir.get(dir) ?? {};
    const stamp = `${entry.size}:${entry.mtimeMs}`;
    switch (basename(entry.path)) {
      case 'state.vscdb':
        slot.db = entry.path;
        slot.dbStamp = stamp;
        break;
      case 'state.vscdb-wal':
        slot.wal = stamp;
        break;
      default:
        slot.json = entry.path;
    }
    byDir.set(dir, slot);
  }
  const workspaces: DatabaseFile[] = [...byDir.entries()]
    .filter(([, slot]) => slot.db !== undefined)
    .sort(([a], [b]) => compareText(a, b))
    .map(([dir, slot]) => ({
      path: slot.db as string,
      stamp: `${slot.dbStamp}/${slot.wal ?? '-'}`,
      workspace: slot.json ? { dir, json: slot.json } : { dir },
    }));
  return [...workspaces, await statDatabase(ctx, join(userDir, 'globalStorage', 'state.vscdb'))];
}

async function statDatabase(ctx: AdapterContext, path: string): Promise<DatabaseFile | undefined> {
  const db = await ctx.stat(path);
  if (!db?.isFile) return undefined;
  const wal = await ctx.stat(`${path}-wal`);
  return { path, stamp: `${db.size}:${db.mtimeMs}/${wal ? `${wal.size}:${wal.mtimeMs}` : '-'}` };
}
