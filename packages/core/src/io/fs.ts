import { type Dirent, readdirSync, type Stats, statSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { WalkEntry, WalkOptions } from '../contract/context.js';
import { globTest } from './glob.js';
import { sha256 } from './hash.js';
import type { ReadHooks } from './lines.js';

/**
 * A stat for adapters (the same call in every thread); undefined when the path cannot be stat-ed. Synchronous
 * underneath: a stat takes microseconds, and a round trip through the thread pool per session was most of
 * what a warm run waited for.
 */
export async function statOrUndefined(path: string) {
  try {
    const s = statSync(path, { throwIfNoEntry: false });
    return s && { size: s.size, mtimeMs: s.mtimeMs, isDirectory: s.isDirectory(), isFile: s.isFile() };
  } catch {
    return undefined;
  }
}

/** A whole file as text; a file over the run's line limit (`hooks.limit`) is refused before it is read. */
export async function readTextFile(path: string, hooks: ReadHooks = {}): Promise<string> {
  const { limit, tap } = hooks;
  let bytes: Buffer;
  if (limit) {
    const file = await open(path, 'r');
    try {
      const { size } = await file.stat();
      if (size > limit.bytes) limit.exceeded(path, undefined, size);
      bytes = await file.readFile();
    } finally {
      await file.close();
    }
  } else {
    bytes = await readFile(path);
  }
  tap?.(sha256(bytes));
  return bytes.toString('utf8');
}

export async function readJsonFile(path: string, hooks: ReadHooks = {}): Promise<unknown> {
  return JSON.parse(await readTextFile(path, hooks));
}

/** Called for a folder or matching file the walk cannot read, with why, in words. */
export type OnUnreadable = (path: string, reason: string) => void;

/**
 * Lists matching files below a root with their size and mtime; a missing root yields nothing. One `readdir`
 * per folder and one `stat` per matching file, both synchronous (async ones cost a thread-pool round trip
 * each and measured slower): a warm run over thousands of sessions is mostly this walk. It answers an array,
 * not an async iterator: two async generators between the walk and an adapter cost more than the stats
 * on a warm run (docs/performance.md).
 * Folders an `ignore` pattern covers are never read; symlinked folders are not followed (no loops); `deep`
 * bounds how many path segments a match may have (`*\/x.json` is 2), as fast-glob counts it. A folder that
 * cannot be read (no permission), or a matching entry that is no readable file (a broken link, a FIFO),
 * goes to `onUnreadable`; what vanished while the walk ran is simply gone.
 */
export function walk(root: string, options: WalkOptions, onUnreadable: OnUnreadable = () => {}): WalkEntry[] {
  const found: WalkEntry[] = [];
  if (!isFolder(root)) return found;
  const matches = globTest(options.patterns);
  const ignored = globTest(options.ignore ?? []);
  const maxDepth = options.deep ?? Number.POSITIVE_INFINITY;
  const pending: Array<{ dir: string; rel: string; depth: number }> = [{ dir: root, rel: '', depth: 0 }];
  while (pending.length > 0) {
    const { dir, rel, depth } = pending.pop() as { dir: string; rel: string; depth: number };
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      if (!vanished(error)) onUnreadable(dir, `cannot read this folder (${reasonOf(error)})`);
      continue;
    }
    // Files in name order, then subfolders in name order (pushed reversed, popped in order): a stable walk.
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // Below the root every folder's path came from `join` (normalized, no trailing separator), so a plain
    // concatenation is the same string.
    const prefix = depth === 0 ? undefined : dir + sep;
    const subfolders: Array<{ dir: string; rel: string; depth: number }> = [];
    for (const entry of entries) {
      const path = prefix === undefined ? join(dir, entry.name) : prefix + entry.name;
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        // `x/**`-style ignores cover the folder when they cover anything inside it.
        if (depth + 1 < maxDepth && !ignored(relPath) && !ignored(`${relPath}/_`)) {
          subfolders.push({ dir: path, rel: relPath, depth: depth + 1 });
        }
        continue;
      }
      if (!matches(relPath) || ignored(relPath)) continue;
      if (!(entry.isFile() || entry.isSymbolicLink())) {
        // Never opened: reading a FIFO would wait forever.
        onUnreadable(path, 'cannot read this file: it is not a regular file (a FIFO, socket or device)');
        continue;
      }
      if (options.statIf && !options.statIf(path)) {
        found.push({ path, size: -1, mtimeMs: -1 });
        continue;
      }
      let stats: Stats | undefined;
      try {
        stats = statSync(path);
      } catch (error) {
        if (entry.isSymbolicLink() && vanished(error))
          onUnreadable(path, 'cannot read this file: it is a link to a file that does not exist');
        else if (!vanished(error)) onUnreadable(path, `cannot read this file (${reasonOf(error)})`);
        continue;
      }
      if (stats.isFile()) found.push({ path, size: stats.size, mtimeMs: stats.mtimeMs });
    }
    pending.push(...subfolders.reverse());
  }
  return found;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false;
  }
}

/** Whether a path exists; why not, in words, when it cannot even be looked at (no permission). */
export async function pathExists(path: string): Promise<boolean | string> {
  try {
    statSync(path);
    return true;
  } catch (error) {
    return vanished(error) ? false : reasonOf(error);
  }
}

/** A path that is not there (any more): not a problem to report. */
function vanished(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'a loop of symbolic links',
  EIO: 'an input/output error',
  ENAMETOOLONG: 'its path is too long',
};

/** Why a path cannot be read, in words (the system's code for anything less common). */
export function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (!code) return String(error);
  return REASONS[code] ?? code;
}
