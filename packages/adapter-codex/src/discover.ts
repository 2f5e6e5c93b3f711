import type { AdapterContext, SessionRef, WalkEntry } from '@convx/core';
import { isArchivedPath, sessionIdFromFileName } from './paths.js';

const PATTERNS = ['**/rollout-*.jsonl', '**/rollout-*.json'];

interface Found extends WalkEntry {
  sessionId: string;
  archived: boolean;
}

/** Which of two files holding one id to export: live over archived, then JSONL over JSON, then newest. */
function preferred(a: Found, b: Found): Found {
  if (a.archived !== b.archived) return a.archived ? b : a;
  const aJsonl = a.path.endsWith('.jsonl');
  if (aJsonl !== b.path.endsWith('.jsonl')) return aJsonl ? a : b;
  if (a.mtimeMs !== b.mtimeMs) return a.mtimeMs > b.mtimeMs ? a : b;
  return a.path < b.path ? a : b;
}

/**
 * Lists rollout files below each location (a folder, or a single file). The id comes from the file name,
 * so discovery is a stat per file; ids are de-duplicated across live and archived folders.
 */
export async function* discoverRollouts(ctx: AdapterContext, locations: string[]): AsyncIterable<SessionRef> {
  const byId = new Map<string, Found>();
  for (const location of locations) {
    for await (const entry of filesAt(ctx, location)) {
      const sessionId = sessionIdFromFileName(entry.path);
      if (!sessionId) {
        ctx.report({ path: entry.path, message: 'rollout file name has no session id; skipped' });
        continue;
      }
      const found: Found = { ...entry, sessionId, archived: isArchivedPath(entry.path) };
      const previous = byId.get(sessionId);
      byId.set(sessionId, previous ? preferred(previous, found) : found);
    }
  }
  const ordered = [...byId.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const found of ordered) {
    yield {
      sessionId: found.sessionId,
      fingerprint: `${found.size}:${found.mtimeMs}`,
      path: found.path,
      files: [found.path],
    };
  }
}

async function* filesAt(ctx: AdapterContext, location: string): AsyncIterable<WalkEntry> {
  const stat = await ctx.stat(location);
  if (stat?.isFile) yield { path: location, size: stat.size, mtimeMs: stat.mtimeMs };
  else if (stat?.isDirectory) yield* ctx.walk(location, { patterns: PATTERNS });
}
