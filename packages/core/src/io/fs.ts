import { type Dirent, type Stats, statSync } from 'node:fs';
import { stat as fsStat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import picomatch from 'picomatch';
import type { WalkEntry, WalkOptions } from '../contract/context.js';
import { sha256 } from './hash.js';

/**
 * A stat for adapters. In a worker thread, which has nothing else to do meanwhile, a direct call (an adapter
 * that checks a file per session — Claude's sessions index — otherwise idled through a thread-pool round trip
 * each time); on the main thread through the pool, which measured ~10 MB less peak memory on the benchmark.
 */
export async function statOrUndefined(path: string) {
  try {
    const s = isMainThread ? await fsStat(path) : statSync(path);
    return { size: s.size, mtimeMs: s.mtimeMs, isDirectory: s.isDirectory(), isFile: s.isFile() };
  } catch {
    return undefined;
  }
}

export async function readTextFile(path: string, tap?: (sha256: string) => void): Promise<string> {
  const bytes = await readFile(path);
  tap?.(sha256(bytes));
  return bytes.toString('utf8');
}

export async function readJsonFile(path: string, tap?: (sha256: string) => void): Promise<unknown> {
  return JSON.parse(await readTextFile(path, tap));
}

/**
 * Lists matching files below a root with their size and mtime; a missing root yields nothing. One `readdir`
 * per folder and one `stat` per matching file: a warm run over thousands of sessions is mostly this walk.
 * Folders an `ignore` pattern covers are never read; symlinked folders are not followed (no loops); `deep`
 * bounds how many path segments a match may have (`*\/x.json` is 2), as fast-glob counts it.
 */
export async function* walk(root: string, options: WalkOptions): AsyncIterable<WalkEntry> {
  const rootStat = await statOrUndefined(root);
  if (!rootStat?.isDirectory) return;
  const matches = picomatch(options.patterns, { dot: true });
  const ignored = options.ignore?.length ? picomatch(options.ignore, { dot: true }) : () => false;
  const maxDepth = options.deep ?? Number.POSITIVE_INFINITY;
  const pending: Array<{ dir: string; rel: string; depth: number }> = [{ dir: root, rel: '', depth: 0 }];
  while (pending.length > 0) {
    const { dir, rel, depth } = pending.pop() as { dir: string; rel: string; depth: number };
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable or vanished folder: skipped, as a missing root is
    }
    // Files in name order, then subfolders in name order (pushed reversed, popped in order): a stable walk.
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subfolders: Array<{ dir: string; rel: string; depth: number }> = [];
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        // `x/**`-style ignores cover the folder when they cover anything inside it.
        if (depth + 1 < maxDepth && !ignored(relPath) && !ignored(`${relPath}/_`)) {
          subfolders.push({ dir: path, rel: relPath, depth: depth + 1 });
        }
        continue;
      }
      if (!(entry.isFile() || entry.isSymbolicLink()) || !matches(relPath) || ignored(relPath)) continue;
      const stats = statQuiet(path);
      if (stats?.isFile()) yield { path, size: stats.size, mtimeMs: stats.mtimeMs };
    }
    pending.push(...subfolders.reverse());
  }
}

function statQuiet(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
