import { join } from 'node:path';
import type { AdapterContext } from '@convx/core';
import { isObject, str } from './blocks.js';

/** What a project's `sessions-index.json` says about one session: hints only, never proof it exists. */
export interface IndexHint {
  summary?: string;
  firstPrompt?: string;
  projectPath?: string;
}

type IndexMap = Map<string, IndexHint>;

/**
 * One read per project folder per run. The engine hands each load its own view of the context, so the memo
 * hangs off the run's cache object (shared by every view), and a changed file (size, mtime) is read again.
 * The hints hold prompts: they stay in memory, never in the persistent cache.
 */
const memo = new WeakMap<object, Map<string, { stamp: string; index: Promise<IndexMap> }>>();

/** The hint for a session from the first of its project folders whose index lists it. */
export async function indexHint(
  ctx: AdapterContext,
  projectDirs: string[],
  sessionId: string,
): Promise<IndexHint | undefined> {
  let perRun = memo.get(ctx.cache);
  if (!perRun) {
    perRun = new Map();
    memo.set(ctx.cache, perRun);
  }
  for (const dir of projectDirs) {
    const path = join(dir, 'sessions-index.json');
    const info = await ctx.stat(path);
    if (!info?.isFile) continue;
    const stamp = `${info.size}:${info.mtimeMs}`;
    let known = perRun.get(path);
    if (known?.stamp !== stamp) {
      known = { stamp, index: readIndex(ctx, path) };
      perRun.set(path, known);
    }
    const hint = (await known.index).get(sessionId);
    if (hint) return hint;
  }
  return undefined;
}

async function readIndex(ctx: AdapterContext, path: string): Promise<IndexMap> {
  const map: IndexMap = new Map();
  let data: unknown;
  try {
    data = await ctx.readJson(path);
  } catch (error) {
    ctx.log.debug(`claude: ignoring unreadable ${path}: ${String(error)}`);
    return map;
  }
  if (!isObject(data) || !Array.isArray(data.entries)) return map;
  const originalPath = str(data.originalPath);
  for (const entry of data.entries) {
    if (!isObject(entry)) continue;
    const sessionId = str(entry.sessionId);
    if (!sessionId) continue;
    const hint: IndexHint = {};
    const summary = str(entry.summary)?.trim();
    const firstPrompt = str(entry.firstPrompt)?.trim();
    const projectPath = str(entry.projectPath) ?? originalPath;
    if (summary) hint.summary = summary;
    if (firstPrompt && firstPrompt !== 'No prompt') hint.firstPrompt = firstPrompt;
    if (projectPath) hint.projectPath = projectPath;
    map.set(sessionId, hint);
  }
  return map;
}
