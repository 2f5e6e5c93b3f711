import { readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { walk } from '@convx/core';
import { parse } from 'smol-toml';

/** A JSON twin on disk. */
export interface TwinFile {
  /** Relative to the output root, `/`-separated. */
  rel: string;
  abs: string;
  size: number;
  mtimeMs: number;
}

const toPosix = (p: string) => p.split(sep).join('/');

/**
 * The history folders of an output, relative to it: `history/` (backup), `.ai/history/` (sync) and the
 * `history_subpath` of `.convx/config.toml`'s [backup] and [sync] tables, those that exist. A folder inside
 * another is dropped (the outer one's walk covers it).
 */
export async function findHistoryDirs(outputRoot: string): Promise<string[]> {
  const candidates = ['history', '.ai/history', ...(await configuredSubpaths(outputRoot))];
  const found: string[] = [];
  for (const candidate of candidates) {
    const dir = candidate.replace(/^\.\/+/, '').replace(/\/+$/, '');
    if (!dir || dir.split('/').includes('..') || found.includes(dir)) continue;
    if ((await stat(join(outputRoot, dir)).catch(() => undefined))?.isDirectory()) found.push(dir);
  }
  return found.filter((dir) => !found.some((other) => other !== dir && dir.startsWith(`${other}/`)));
}

async function configuredSubpaths(outputRoot: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(join(outputRoot, '.convx', 'config.toml'), 'utf8');
  } catch {
    return [];
  }
  try {
    const config = parse(text) as Record<string, unknown>;
    const out: string[] = [];
    for (const table of ['backup', 'sync']) {
      const section = config[table];
      if (section && typeof section === 'object' && !Array.isArray(section)) {
        const subpath = (section as Record<string, unknown>).history_subpath;
        if (typeof subpath === 'string') out.push(subpath.replaceAll('\\', '/'));
      }
    }
    return out;
  } catch {
    return []; // an invalid config is the run commands' to report; the default folders still count
  }
}

/** Every JSON twin (`.<basename>.json`) below the history folders, with its size and mtime (one stat each). */
export async function listTwins(outputRoot: string, historyDirs: readonly string[]): Promise<TwinFile[]> {
  const twins: TwinFile[] = [];
  const seen = new Set<string>();
  for (const dir of historyDirs) {
    for await (const file of walk(join(outputRoot, dir), {
      patterns: ['**/.*.json'],
      ignore: ['**/node_modules/**', '**/.git/**'],
    })) {
      const rel = toPosix(relative(outputRoot, file.path));
      if (seen.has(rel)) continue;
      seen.add(rel);
      twins.push({ rel, abs: file.path, size: file.size, mtimeMs: file.mtimeMs });
    }
  }
  return twins;
}

/** Is this output-relative path a JSON twin (`…/.<basename>.json`)? */
export function isTwinPath(rel: string): boolean {
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  return name.startsWith('.') && name.endsWith('.json') && name.length > '..json'.length;
}

/** The Markdown transcript beside a twin: `dir/.<basename>.json` → `dir/<basename>.md`. */
export function markdownPathOf(twinRel: string): string {
  const slash = twinRel.lastIndexOf('/');
  const name = twinRel.slice(slash + 1);
  return `${twinRel.slice(0, slash + 1)}${name.slice(1, -'.json'.length)}.md`;
}
