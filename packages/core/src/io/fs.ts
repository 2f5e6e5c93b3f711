import { stat as fsStat, readFile } from 'node:fs/promises';
import { globbyStream } from 'globby';
import type { WalkEntry, WalkOptions } from '../contract/context.js';
import { sha256 } from './hash.js';

export async function statOrUndefined(path: string) {
  try {
    const s = await fsStat(path);
    return { size: s.size, mtimeMs: s.mtimeMs, isDirectory: s.isDirectory(), isFile: s.isFile() };
  } catch {
    return undefined;
  }
}

export async function readJsonFile(path: string, tap?: (sha256: string) => void): Promise<unknown> {
  const bytes = await readFile(path);
  tap?.(sha256(bytes));
  return JSON.parse(bytes.toString('utf8'));
}

/** Lists matching files below a root with their size and mtime; a missing root yields nothing. */
export async function* walk(root: string, options: WalkOptions): AsyncIterable<WalkEntry> {
  const rootStat = await statOrUndefined(root);
  if (!rootStat?.isDirectory) return;
  const stream = globbyStream(options.patterns, {
    cwd: root,
    absolute: true,
    onlyFiles: true,
    dot: true,
    followSymbolicLinks: false,
    stats: true,
    suppressErrors: true,
    ignore: options.ignore ?? [],
    ...(options.deep !== undefined ? { deep: options.deep } : {}),
  });
  for await (const entry of stream as AsyncIterable<{
    path: string;
    stats?: { size: number; mtimeMs: number };
  }>) {
    if (!entry.stats) continue;
    yield { path: entry.path, size: entry.stats.size, mtimeMs: entry.stats.mtimeMs };
  }
}
