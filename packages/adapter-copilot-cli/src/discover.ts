import { basename, dirname, join } from 'node:path';
import { type AdapterContext, compareText, type SessionRef, type WalkEntry } from '@convx/core';
import type { CopilotCliRefData, CopilotFormat } from './types.js';

/** What a session folder, an event log or a history file looks like from where a walk starts. */
const PATTERNS = [
  '*.jsonl',
  '*/events.jsonl',
  '*/workspace.yaml',
  'events.jsonl',
  'workspace.yaml',
  '*.json',
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HISTORY_NAME = /^session_(.+?)(?:_\d+)?\.json$/;
/** When one id is stored more than once (a migrated session), the newest generation wins. */
const RANK: Record<CopilotFormat, number> = { 'session-folder': 3, 'event-log': 2, 'history-json': 1 };

/** The session a found file belongs to, or undefined for a file that is none of Copilot's. */
interface Found extends WalkEntry {
  sessionId: string;
  format: CopilotFormat;
}

/**
 * Lists Copilot CLI sessions below each location: a `.copilot` folder, its `session-state` or
 * `history-session-state` folder, one session folder, or one file. Ids come from file and folder names, so
 * discovery is a stat per file and never reads one. `session-store.db` is only an index and never read.
 * A folder holding only `workspace.yaml` (a session opened and left) is listed as skipped.
 */
export async function discoverSessions(
  ctx: AdapterContext,
  locations: string[],
): Promise<SessionRef<CopilotCliRefData>[]> {
  const sessions = new Map<string, Found>();
  const workspaces = new Map<string, WalkEntry>();
  for (const location of locations) {
    for (const { entry, base } of await filesAt(ctx, location)) {
      if (basename(entry.path) === 'workspace.yaml') {
        workspaces.set(folderId(entry.path, base), entry);
        continue;
      }
      const found = classify(entry, base);
      if (!found) continue;
      const previous = sessions.get(found.sessionId);
      sessions.set(found.sessionId, previous ? preferred(previous, found) : found);
    }
  }
  const refs: SessionRef<CopilotCliRefData>[] = [];
  const ids = [...new Set([...sessions.keys(), ...workspaces.keys()])].sort(compareText);
  for (const sessionId of ids) {
    const found = sessions.get(sessionId);
    const workspace = workspaces.get(sessionId);
    const parts = [found, workspace].filter((entry): entry is WalkEntry => entry !== undefined);
    const fingerprint = parts.map((entry) => `${entry.size}:${entry.mtimeMs}`).join('+');
    if (!found) {
      if (workspace) {
        const data: CopilotCliRefData = {
          format: 'session-folder',
          workspace: workspace.path,
          noEvents: true,
        };
        refs.push({ sessionId, fingerprint, path: workspace.path, skip: 'no conversation recorded', data });
      }
      continue;
    }
    // A workspace.yaml belongs to a session folder (or, for a bare log, to the folder of the same id).
    const data: CopilotCliRefData = { format: found.format };
    if (workspace && found.format !== 'history-json') data.workspace = workspace.path;
    refs.push({
      sessionId,
      fingerprint,
      path: found.path,
      files: parts.map((entry) => entry.path),
      size: parts.reduce((sum, entry) => sum + entry.size, 0),
      data,
    });
  }
  return refs;
}

/** A file found, with the folder (or file) its walk started from: names are read relative to it. */
interface Candidate {
  entry: WalkEntry;
  base: string;
}

/**
 * The files to look at below a location. A `.copilot` folder is read through its two session folders; any
 * other folder is walked two levels deep (a session folder's `checkpoints/` and `rewind-snapshots/` are
 * never entered).
 */
async function filesAt(ctx: AdapterContext, location: string): Promise<Candidate[]> {
  const stat = await ctx.stat(location);
  if (stat?.isFile)
    return [{ entry: { path: location, size: stat.size, mtimeMs: stat.mtimeMs }, base: location }];
  if (!stat?.isDirectory) return [];
  const inner = ['session-state', 'history-session-state'].map((name) => join(location, name));
  const bases: string[] = [];
  for (const folder of inner) if ((await ctx.stat(folder))?.isDirectory) bases.push(folder);
  const candidates: Candidate[] = [];
  for (const base of bases.length ? bases : [location]) {
    for (const entry of ctx.walk(base, { patterns: PATTERNS, deep: 2 })) candidates.push({ entry, base });
  }
  return candidates;
}

/** The id of the folder holding `events.jsonl` or `workspace.yaml` (the location itself, when it is one). */
function folderId(path: string, location: string): string {
  const folder = dirname(path);
  return basename(folder === location ? location : folder);
}

function classify(entry: WalkEntry, base: string): Found | undefined {
  const name = basename(entry.path);
  const single = entry.path === base;
  if (name === 'events.jsonl') {
    return { ...entry, sessionId: folderId(entry.path, base), format: 'session-folder' };
  }
  if (name.endsWith('.jsonl')) {
    const stem = name.slice(0, -'.jsonl'.length);
    // session-state's own logs are named by their UUID; other JSONL files are not Copilot's.
    if (!single && !(dirname(entry.path) === base && UUID.test(stem))) return undefined;
    return { ...entry, sessionId: stem, format: 'event-log' };
  }
  if (name.endsWith('.json')) {
    const id = HISTORY_NAME.exec(name)?.[1];
    if (id) return { ...entry, sessionId: id, format: 'history-json' };
    if (single || basename(dirname(entry.path)) === 'history-session-state')
      return { ...entry, sessionId: name.slice(0, -'.json'.length), format: 'history-json' };
  }
  return undefined;
}

function preferred(a: Found, b: Found): Found {
  if (RANK[a.format] !== RANK[b.format]) return RANK[a.format] > RANK[b.format] ? a : b;
  if (a.mtimeMs !== b.mtimeMs) return a.mtimeMs > b.mtimeMs ? a : b;
  return compareText(a.path, b.path) <= 0 ? a : b;
}
