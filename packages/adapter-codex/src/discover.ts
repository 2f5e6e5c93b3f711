import { type AdapterContext, compareText, type SessionRef, type WalkEntry } from '@convx/core';
import { isArchivedPath, sessionIdFromFileName } from './paths.js';
import {
  type CodexRefData,
  childPlans,
  flatten,
  maySpawnFrom,
  nestSubagents,
  parentThreadOf,
  type Rollout,
  type RolloutTree,
  UUID_V7,
} from './subagents.js';

const PATTERNS = ['**/rollout-*.jsonl', '**/rollout-*.json'];

interface Found extends Rollout {
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
 * In a filtered run (`convx sync`), a rollout the index records as out of scope costs neither a stat nor a
 * peek (see `outsideOf`).
 */
export async function discoverRollouts(
  ctx: AdapterContext,
  locations: string[],
): Promise<SessionRef<CodexRefData>[]> {
  const byId = new Map<string, Found>();
  const outside = outsideOf(ctx);
  for (const location of locations) {
    for (const entry of await filesAt(ctx, location, outside)) {
      // Listed without a stat: the walk's `statIf` already read its id and recorded fingerprint.
      const known = entry.size < 0 ? outside?.recorded.get(entry.path) : undefined;
      const sessionId = known?.sessionId ?? sessionIdFromFileName(entry.path);
      if (!sessionId) {
        ctx.report({ path: entry.path, message: 'rollout file name has no session id; skipped' });
        continue;
      }
      const found: Found = {
        path: entry.path,
        size: entry.size,
        mtimeMs: entry.mtimeMs,
        sessionId,
        archived: isArchivedPath(entry.path),
      };
      if (known) found.outside = known.fingerprint;
      const previous = byId.get(sessionId);
      // Choosing between two files of one id needs their mtimes: a known one is stat-ed after all.
      byId.set(
        sessionId,
        previous ? preferred(await stated(ctx, previous), await stated(ctx, found)) : found,
      );
    }
  }
  const rollouts = [...byId.values()].sort((a, b) => compareText(a.path, b.path));
  for (const found of rollouts) {
    // A rollout recorded as a session of its own was no subagent then, and its first line has not changed.
    if (found.outside !== undefined || !maySpawnFrom(found)) continue;
    const parentId = await parentThreadOf(ctx, found);
    if (parentId) found.parentId = parentId;
  }
  return nestSubagents(rollouts).map(refOf);
}

/** A session's ref: its rollout, and the subagent rollouts nested in it. */
function refOf(tree: RolloutTree): SessionRef<CodexRefData> {
  const { rollout } = tree;
  const nested = tree.children.length > 0;
  // Most sessions are one file: no tree to flatten.
  const all = nested ? flatten(tree) : [rollout];
  return {
    sessionId: rollout.sessionId,
    // A subagent's own file changing must re-export the parent that holds it. Out of scope, it stays out.
    fingerprint: rollout.outside ?? all.map((r) => `${r.size}:${r.mtimeMs}`).join('+'),
    path: rollout.path,
    files: all.map((r) => r.path),
    size: all.reduce((sum, r) => sum + Math.max(r.size, 0), 0),
    ...(nested ? { data: { children: childPlans(tree) } } : {}),
  };
}

/** In a filtered run, the rollouts the walk listed without a stat, with the fingerprints the index recorded. */
interface Outside {
  /** Whether to stat the rollout: false for one the index records as out of scope (kept in `recorded`). */
  statIf(path: string): boolean;
  /** By path: the id read from its name and the fingerprint the index recorded. */
  recorded: Map<string, { sessionId: string; fingerprint: string }>;
}

/**
 * In a filtered run, which rollouts the index knows to be out of scope. Only rollouts whose first line fixes
 * the session's folder: JSONL files of the `session_meta` generation (UUIDv7 ids), where the first header's
 * `cwd` wins over anything appended later.
 */
function outsideOf(ctx: AdapterContext): Outside | undefined {
  const scope = ctx.scope;
  if (!scope) return undefined;
  const recorded: Outside['recorded'] = new Map();
  const statIf = (path: string) => {
    if (!path.endsWith('.jsonl')) return true;
    const sessionId = sessionIdFromFileName(path);
    const fingerprint =
      sessionId && UUID_V7.test(sessionId) ? scope.knownOutside(path, sessionId)?.fingerprint : undefined;
    if (sessionId === undefined || fingerprint === undefined) return true;
    recorded.set(path, { sessionId, fingerprint });
    return false;
  };
  return { statIf, recorded };
}

/** A found rollout with its real size and mtime (a known-outside one was listed without a stat). */
async function stated(ctx: AdapterContext, found: Found): Promise<Found> {
  if (found.outside === undefined) return found;
  const stat = await ctx.stat(found.path);
  const { outside: _known, ...rest } = found;
  return { ...rest, size: stat?.size ?? 0, mtimeMs: stat?.mtimeMs ?? 0 };
}

async function filesAt(
  ctx: AdapterContext,
  location: string,
  outside: Outside | undefined,
): Promise<WalkEntry[]> {
  const stat = await ctx.stat(location);
  if (stat?.isFile) return [{ path: location, size: stat.size, mtimeMs: stat.mtimeMs }];
  if (!stat?.isDirectory) return [];
  return ctx.walk(location, { patterns: PATTERNS, ...(outside ? { statIf: outside.statIf } : {}) });
}
