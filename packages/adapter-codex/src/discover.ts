import { type AdapterContext, compareText, type SessionRef, type WalkEntry } from '@convx/core';
import { isArchivedPath, sessionIdFromFileName } from './paths.js';
import {
  type CodexRefData,
  childPlans,
  flatten,
  nestSubagents,
  parentThreadOf,
  type Rollout,
} from './subagents.js';

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
 * so discovery is a stat per file; ids are de-duplicated across live and archived folders. A subagent
 * rollout (0.98+, known from its cached first line) is nested in its parent's session, not listed alone.
 */
export async function* discoverRollouts(
  ctx: AdapterContext,
  locations: string[],
): AsyncIterable<SessionRef<CodexRefData>> {
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
  const ordered = [...byId.values()].sort((a, b) => compareText(a.path, b.path));
  const rollouts: Rollout[] = [];
  for (const found of ordered) {
    const parentId = await parentThreadOf(ctx, found);
    rollouts.push(parentId ? { ...found, parentId } : found);
  }
  for (const tree of nestSubagents(rollouts)) {
    const all = flatten(tree);
    const children = childPlans(tree);
    yield {
      sessionId: tree.rollout.sessionId,
      // A subagent's own file changing must re-export the parent that holds it.
      fingerprint: all.map((r) => `${r.size}:${r.mtimeMs}`).join('+'),
      path: tree.rollout.path,
      files: all.map((r) => r.path),
      size: all.reduce((sum, r) => sum + r.size, 0),
      ...(children.length ? { data: { children } } : {}),
    };
  }
}

async function* filesAt(ctx: AdapterContext, location: string): AsyncIterable<WalkEntry> {
  const stat = await ctx.stat(location);
  if (stat?.isFile) yield { path: location, size: stat.size, mtimeMs: stat.mtimeMs };
  else if (stat?.isDirectory) yield* ctx.walk(location, { patterns: PATTERNS });
}
