import { basename, dirname, join, relative, sep } from 'node:path';
import { type AdapterContext, compareText, type SessionRef, type WalkEntry } from '@convx/core';
import { PROJECTS_DIR } from './paths.js';
import type { QwenRefData } from './types.js';

/**
 * Lists `projects/<encoded-cwd>/chats/<sessionId>.jsonl` files: one session each (its subagents live in the
 * same file). A location may be the `projects` folder, the Qwen folder holding it, or one chat file. Only
 * stats: the id is the file name. The same id in two locations: the file saved last wins.
 */
export async function* discoverSessions(
  ctx: AdapterContext,
  locations: string[],
): AsyncIterable<SessionRef<QwenRefData>> {
  const found = new Map<string, SessionRef<QwenRefData>>();
  const mtimes = new Map<string, number>();
  for (const location of locations) {
    for (const { entry, projectDir } of await listChats(ctx, location)) {
      const sessionId = basename(entry.path, '.jsonl');
      if ((mtimes.get(sessionId) ?? Number.NEGATIVE_INFINITY) >= entry.mtimeMs) continue;
      mtimes.set(sessionId, entry.mtimeMs);
      found.set(sessionId, {
        sessionId,
        fingerprint: `${entry.size}:${entry.mtimeMs}`,
        path: entry.path,
        files: [entry.path],
        size: entry.size,
        data: { file: entry.path, ...(projectDir ? { projectDir } : {}) },
      });
    }
  }
  yield* [...found.values()].sort((a, b) => compareText(a.path, b.path));
}

async function listChats(
  ctx: AdapterContext,
  location: string,
): Promise<{ entry: WalkEntry; projectDir?: string }[]> {
  const stat = await ctx.stat(location);
  if (!stat) return [];
  if (stat.isFile) {
    if (!location.endsWith('.jsonl')) return [];
    const chats = dirname(location);
    const projectDir = basename(chats) === 'chats' ? basename(dirname(chats)) : undefined;
    return [
      {
        entry: { path: location, size: stat.size, mtimeMs: stat.mtimeMs },
        ...(projectDir ? { projectDir } : {}),
      },
    ];
  }
  const nested = join(location, PROJECTS_DIR);
  const root = (await ctx.stat(nested))?.isDirectory ? nested : location;
  const out: { entry: WalkEntry; projectDir?: string }[] = [];
  for await (const entry of ctx.walk(root, { patterns: ['*/chats/*.jsonl'], deep: 3 })) {
    const projectDir = relative(root, entry.path).split(sep)[0];
    out.push({ entry, ...(projectDir ? { projectDir } : {}) });
  }
  return out;
}
