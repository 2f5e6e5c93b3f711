import { type Dirent, readdirSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { parse } from 'smol-toml';

/** A JSON twin on disk. */
export interface TwinFile {
  /** Relative to the output root, `/`-separated. */
  rel: string;
  abs: string;
  size: number;
  mtimeMs: number;
}

/**
 * The history folders of an output, relative to it: `history/` (backup), `.ai/history/` (sync) and the
 * `history_subpath` of `.convx/config.toml`'s [backup] and [sync] tables, and `more` (folders remembered in
 * the index), those that exist. A folder inside another is dropped (the outer one's walk covers it).
 */
export async function findHistoryDirs(outputRoot: string, more: readonly string[] = []): Promise<string[]> {
  const candidates = ['history', '.ai/history', ...(await configuredSubpaths(outputRoot)), ...more];
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

/**
 * Every JSON twin (`.<basename>.json`) below the history folders, with its size and mtime: one `readdir`
 * per folder and one `stat` per twin, nothing else (a search checks the index against the twins before
 * every query, so this is on its path). Symbolic links (folders or files) are not followed; unreadable
 * folders are skipped.
 */
export function listTwins(outputRoot: string, historyDirs: readonly string[]): TwinFile[] {
  const twins: TwinFile[] = [];
  const seen = new Set<string>();
  const visit = (abs: string, rel: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const name = entry.name;
      if (entry.isDirectory()) {
        if (name !== '.git' && name !== 'node_modules') visit(`${abs}${sep}${name}`, `${rel}${name}/`);
        continue;
      }
      // Regular files only: a link in a pulled history is not followed.
      if (
        !entry.isFile() ||
        name.charCodeAt(0) !== DOT ||
        !name.endsWith('.json') ||
        name.length <= MIN_TWIN_NAME
      ) {
        continue;
      }
      const path = `${abs}${sep}${name}`;
      const info = statSync(path, { throwIfNoEntry: false });
      if (!info || seen.has(rel + name)) continue;
      seen.add(rel + name);
      twins.push({ rel: rel + name, abs: path, size: info.size, mtimeMs: info.mtimeMs });
    }
  };
  for (const dir of historyDirs) visit(join(outputRoot, dir), `${dir}/`);
  return twins;
}

const DOT = 0x2e;
const MIN_TWIN_NAME = '..json'.length;

/** Is this output-relative path a JSON twin (`…/.<basename>.json`)? */
export function isTwinPath(rel: string): boolean {
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  return name.startsWith('.') && name.endsWith('.json') && name.length > MIN_TWIN_NAME;
}

/** The Markdown transcript beside a twin: `dir/.<basename>.json` → `dir/<basename>.md`. */
export function markdownPathOf(twinRel: string): string {
  const slash = twinRel.lastIndexOf('/');
  const name = twinRel.slice(slash + 1);
  return `${twinRel.slice(0, slash + 1)}${name.slice(1, -'.json'.length)}.md`;
}
