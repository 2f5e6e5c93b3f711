import { basename, dirname, join } from 'node:path';
import {
  type AdapterContext,
  arr,
  compareText,
  isRecord,
  num,
  type SessionRef,
  str,
  type WalkEntry,
} from '@convx/core';
import { INDEX_FILE, SESSIONS_DIR } from './paths.js';
import type { ContinueRefData, IndexEntry } from './types.js';

/**
 * Lists every `<sessionId>.json` file in the sessions folder — the files themselves, because the
 * `sessions.json` index misses some — and joins each with its index entry (start time, title, folder). A
 * location may be the sessions folder, the Continue folder holding it, or one session file. Only stats and
 * the small index are read, once per folder; the index is cached by size and mtime. The same id in two locations: the file
 * saved last wins.
 */
export async function discoverSessions(
  ctx: AdapterContext,
  locations: string[],
): Promise<SessionRef<ContinueRefData>[]> {
  const found = new Map<string, SessionRef<ContinueRefData>>();
  // Each folder's index is read once, however many session files it indexes.
  const indexes = new Map<string, Map<string, IndexEntry>>();
  for (const location of locations) {
    for (const { entry, dir } of await listSessionFiles(ctx, location)) {
      let index = indexes.get(dir);
      if (!index) {
        index = await readIndex(ctx, join(dir, INDEX_FILE));
        indexes.set(dir, index);
      }
      const sessionId = basename(entry.path, '.json');
      const listed = index.get(sessionId);
      const held = found.get(sessionId);
      if (held?.data && held.data.mtimeMs >= entry.mtimeMs) continue;
      const data: ContinueRefData = { file: entry.path, mtimeMs: entry.mtimeMs };
      if (listed) data.index = listed;
      const ref: SessionRef<ContinueRefData> = {
        sessionId,
        // The index's start time is part of what is exported; its title and folder only back up the file's.
        fingerprint: `${entry.size}:${entry.mtimeMs}:${listed?.dateCreated ?? ''}`,
        path: entry.path,
        files: [entry.path],
        size: entry.size,
        data,
      };
      if (listed?.workspaceDirectory && !listed.workspaceDirectory.includes('://'))
        ref.cwd = listed.workspaceDirectory;
      found.set(sessionId, ref);
    }
  }
  return [...found.values()].sort((a, b) => compareText(a.path, b.path));
}

/** The session files of one location, with the folder whose `sessions.json` indexes them. */
async function listSessionFiles(
  ctx: AdapterContext,
  location: string,
): Promise<{ entry: WalkEntry; dir: string }[]> {
  const stat = await ctx.stat(location);
  if (!stat) return [];
  if (stat.isFile) {
    if (!location.endsWith('.json') || basename(location) === INDEX_FILE) return [];
    return [{ entry: { path: location, size: stat.size, mtimeMs: stat.mtimeMs }, dir: dirname(location) }];
  }
  const nested = join(location, SESSIONS_DIR);
  const dir = (await ctx.stat(nested))?.isDirectory ? nested : location;
  const out: { entry: WalkEntry; dir: string }[] = [];
  for (const entry of ctx.walk(dir, { patterns: ['*.json'], ignore: [INDEX_FILE], deep: 1 }))
    out.push({ entry, dir });
  return out;
}

/**
 * `sessions.json` as id → entry. Missing or unreadable: empty (the session files are listed anyway); an
 * index that is not JSON is reported, since its start times are then lost.
 */
async function readIndex(ctx: AdapterContext, path: string): Promise<Map<string, IndexEntry>> {
  const stat = await ctx.stat(path);
  if (!stat?.isFile) return new Map();
  const key = `continue-index:v1\u0000${path}\u0000${stat.size}\u0000${stat.mtimeMs}`;
  const cached = ctx.cache.get(key);
  if (isRecord(cached)) return new Map(Object.entries(cached) as [string, IndexEntry][]);
  const entries: Record<string, IndexEntry> = {};
  try {
    for (const item of arr(await ctx.readJson(path))) {
      if (!isRecord(item)) continue;
      const id = str(item.sessionId);
      if (!id) continue;
      const entry: IndexEntry = {};
      const title = str(item.title);
      const created = epochMs(item.dateCreated);
      const folder = str(item.workspaceDirectory);
      if (title) entry.title = title;
      if (created !== undefined) entry.dateCreated = created;
      if (folder) entry.workspaceDirectory = folder;
      entries[id] = entry;
    }
  } catch (error) {
    ctx.report({
      path,
      message: `the Continue session index is not valid JSON (${(error as Error).message}); sessions are exported without its start times`,
    });
  }
  ctx.cache.set(key, entries);
  return new Map(Object.entries(entries));
}

/** Epoch ms from a number, a numeric string (how the index stores it) or an ISO date. */
export function epochMs(value: unknown): number | undefined {
  const n = num(value);
  if (n !== undefined) return n;
  const text = str(value)?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}
