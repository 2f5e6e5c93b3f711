import { type Dirent, readdirSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { type AdapterContext, arr, asRecord, str } from '@convx/core';
import { DATA_DIR, DB_FILE, PROJECTS_FILE } from './paths.js';

/** A Crush database and the project folder it belongs to (its cwd), when known. */
export interface FoundDatabase {
  dbPath: string;
  cwd?: string;
}

/** Folder levels below a walked location in which a project's `.crush/crush.db` is looked for. */
export const WALK_DEPTH = 3;
/** The most folders one walk reads: a home full of checkouts stays a bounded cost. */
const WALK_FOLDER_LIMIT = 5000;
/** How long a walk's findings are used before a run walks again (`CrushAdapterOptions.walkMaxAgeMs`). */
export const WALK_MAX_AGE_MS = 60 * 60 * 1000;
/** Folders never walked into: dependencies, build output, OS and tool caches. */
const SKIP = new Set([
  'node_modules',
  'Library',
  'AppData',
  'Applications',
  'vendor',
  'target',
  'dist',
  'build',
]);

/**
 * The databases a location leads to: a `crush.db` file; a data folder holding one; the global data folder's
 * `projects.json` index (every project Crush ran in, with its data folder); and the project `.crush/crush.db`
 * files up to {@link WALK_DEPTH} folder levels below it (hidden and dependency folders skipped).
 */
export async function databasesAt(
  ctx: AdapterContext,
  location: string,
  walkMaxAgeMs: number,
): Promise<FoundDatabase[]> {
  const stat = await ctx.stat(location);
  if (!stat) return [];
  if (stat.isFile) {
    if (basename(location) === PROJECTS_FILE) return fromIndex(ctx, location);
    return [withCwd(location)];
  }
  const found: FoundDatabase[] = [];
  if ((await ctx.stat(join(location, DB_FILE)))?.isFile) found.push(withCwd(join(location, DB_FILE)));
  const index = join(location, PROJECTS_FILE);
  if ((await ctx.stat(index))?.isFile) found.push(...(await fromIndex(ctx, index)));
  found.push(...(await recentWalk(ctx, location, walkMaxAgeMs)));
  return found;
}

/** A walk's findings as the discovery cache keeps them. */
interface WalkRecord {
  at: number;
  found: FoundDatabase[];
}

/**
 * The databases a walk of `root` finds, from the discovery cache while its walk is younger than `maxAgeMs`
 * (each still checked with a `stat`). Every warm run and every pre-commit sync would otherwise pay the walk
 * for what rarely changes: Crush since 2025-12 lists each project it runs in, in `projects.json` (read every
 * run), so only a project an older Crush alone ran in waits for the next walk to be found.
 */
async function recentWalk(ctx: AdapterContext, root: string, maxAgeMs: number): Promise<FoundDatabase[]> {
  const key = `walk\u0000${root}`;
  const now = Date.now();
  const cached = ctx.cache.get(key) as WalkRecord | undefined;
  // A walk "from the future" (the clock was set back) is not trusted either.
  if (cached && Array.isArray(cached.found) && cached.at <= now && now - cached.at < maxAgeMs) {
    const found: FoundDatabase[] = [];
    for (const db of cached.found) {
      if (typeof db?.dbPath === 'string' && (await ctx.stat(db.dbPath))?.isFile) found.push(db);
    }
    return found;
  }
  const found = await walk(ctx, root);
  ctx.cache.set(key, { at: now, found } satisfies WalkRecord);
  return found;
}

/** A database's project: the folder holding its `.crush` data folder. */
function withCwd(dbPath: string): FoundDatabase {
  const dataDir = dirname(dbPath);
  return basename(dataDir) === DATA_DIR ? { dbPath, cwd: dirname(dataDir) } : { dbPath };
}

/** `projects.json`: `{projects: [{path, data_dir, last_accessed}]}`; `data_dir` may be relative to `path`. */
async function fromIndex(ctx: AdapterContext, indexPath: string): Promise<FoundDatabase[]> {
  let index: unknown;
  try {
    index = await ctx.readJson(indexPath);
  } catch (error) {
    ctx.report({
      path: indexPath,
      message: `Crush's project index could not be read (${(error as Error).message}); projects are still found by walking`,
    });
    return [];
  }
  const found: FoundDatabase[] = [];
  for (const entry of arr(asRecord(index)?.projects)) {
    const project = asRecord(entry);
    const path = str(project?.path);
    if (!path || !isAbsolute(path)) continue;
    const dataDir = str(project?.data_dir) ?? DATA_DIR;
    const dbPath = join(isAbsolute(dataDir) ? dataDir : join(path, dataDir), DB_FILE);
    if ((await ctx.stat(dbPath))?.isFile) found.push({ dbPath, cwd: path });
  }
  return found;
}

/**
 * A bounded breadth-first walk for `<folder>/.crush/crush.db`; unreadable folders are passed over quietly.
 * Every warm run and every pre-commit sync pays it, on a home full of checkouts: listings are synchronous
 * (an async `readdir` per folder cost five times the CPU), and the deepest level, most of the folders, is
 * not listed at all but asked for its `.crush/crush.db` with one `stat` (a home of 300 repositories, 3,900
 * folders: 250 → 15 ms; docs/sources/crush.md).
 */
async function walk(ctx: AdapterContext, root: string): Promise<FoundDatabase[]> {
  const found: FoundDatabase[] = [];
  let level = [root];
  let read = 0;
  for (let depth = 0; depth <= WALK_DEPTH && level.length; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      ctx.signal.throwIfAborted();
      if (read++ >= WALK_FOLDER_LIMIT) return found;
      if (depth === WALK_DEPTH) {
        const dbPath = join(dir, DATA_DIR, DB_FILE);
        if ((await ctx.stat(dbPath))?.isFile) found.push({ dbPath, cwd: dir });
        continue;
      }
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue; // a folder of the home we may not read is none of Crush's
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        if (!entry.isDirectory()) continue;
        if (entry.name === DATA_DIR) {
          const dbPath = join(dir, DATA_DIR, DB_FILE);
          if ((await ctx.stat(dbPath))?.isFile) found.push({ dbPath, cwd: dir });
        } else if (depth < WALK_DEPTH && !entry.name.startsWith('.') && !SKIP.has(entry.name)) {
          next.push(join(dir, entry.name));
        }
      }
    }
    level = next;
  }
  return found;
}
