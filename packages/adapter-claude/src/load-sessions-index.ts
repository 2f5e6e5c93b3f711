import { join } from 'node:path';
import type { AdapterContext } from '@convx/core';
import { isRecord, str } from '@convx/core';

/** What a project's `sessions-index.json` says about one session: hints only, never proof it exists. */
export interface IndexHint {
  summary?: string;
  firstPrompt?: string;
  projectPath?: string;
}

type IndexMap = Map<string, IndexHint>;

/** The hint for a session from the first of its project folders whose index lists it. */
export async function indexHint(
  ctx: AdapterContext,
  projectDirs: string[],
  sessionId: string,
): Promise<IndexHint | undefined> {
  for (const dir of projectDirs) {
    const path = join(dir, 'sessions-index.json');
    const info = await ctx.stat(path);
    if (!info?.isFile) continue;
    // One read per project folder per run (thousands of sessions share one index), read again when the file
    // changes. The hints hold prompts: they stay in the run's memory, never in the persistent cache.
    const index = ctx.memo(`sessions-index:${path}:${info.size}:${info.mtimeMs}`, () => readIndex(ctx, path));
    const hint = (await index).get(sessionId);
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
  if (!isRecord(data) || !Array.isArray(data.entries)) return map;
  const originalPath = str(data.originalPath);
  for (const entry of data.entries) {
    if (!isRecord(entry)) continue;
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
