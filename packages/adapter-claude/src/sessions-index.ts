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

// One read per project folder per run, shared by every session loaded with the same context.
const memo = new WeakMap<AdapterContext, Map<string, Promise<IndexMap>>>();

/** The hint for a session from the first of its project folders whose index lists it. */
export async function indexHint(
  ctx: AdapterContext,
  projectDirs: string[],
  sessionId: string,
): Promise<IndexHint | undefined> {
  let perContext = memo.get(ctx);
  if (!perContext) {
    perContext = new Map();
    memo.set(ctx, perContext);
  }
  for (const dir of projectDirs) {
    let pending = perContext.get(dir);
    if (!pending) {
      pending = readIndex(ctx, join(dir, 'sessions-index.json'));
      perContext.set(dir, pending);
    }
    const hint = (await pending).get(sessionId);
    if (hint) return hint;
  }
  return undefined;
}

async function readIndex(ctx: AdapterContext, path: string): Promise<IndexMap> {
  const map: IndexMap = new Map();
  if (!(await ctx.stat(path))?.isFile) return map;
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
