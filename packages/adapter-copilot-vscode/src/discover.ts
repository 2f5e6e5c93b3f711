import { extname, join } from 'node:path';
import { type AdapterContext, asRecord, compareText, type SessionRef, splitPath } from '@convx/core';
import { scanDatabase } from './database.js';
import { productOf } from './paths.js';
import type { CopilotVscodeRefData, DatabaseSessionSummary, Generation, Storage } from './types.js';

type Ref = SessionRef<CopilotVscodeRefData>;

/** A session found, with how much its copy is preferred over another copy of the same id. */
interface Candidate {
  ref: Ref;
  rank: number;
}

// One chat can have several copies: VS Code moved the database chats into files, wrote `.json` before
// `.jsonl`, and copies a chat to `transferredChatSessions/` when it moves to another window.
const GENERATION_RANK: Record<Generation, number> = { jsonl: 3, json: 2, 'state.vscdb': 1 };
const STORAGE_RANK: Record<Storage, number> = { file: 3, workspace: 2, 'empty-window': 1, transferred: 0 };

// 1: the first cache layout (a database's sessions with their content hashes).
const CACHE_VERSION = 1;

/**
 * Finds the chats under the given locations: VS Code user folders (`…/Code/User`), or single session files
 * and `state.vscdb` files. Each file costs a stat; a database is read only when its size or mtime (or its
 * write-ahead log's) changed. Copies of one chat are merged, preferring the `.jsonl` log, then `.json`,
 * then the database, and a workspace's copy over a transferred one. In a filtered run (`convx sync`), a
 * workspace's chat file the index records as out of scope costs no stat (see `knownOutside`).
 */
export async function discoverSessions(ctx: AdapterContext, locations: string[]): Promise<Ref[]> {
  const found = new Map<string, Candidate>();
  for (const location of locations) {
    const info = await ctx.stat(location);
    if (!info) continue;
    if (info.isFile) await offerFile(ctx, found, location, 'file', undefined, undefined, info);
    else if (info.isDirectory) await discoverUserDir(ctx, found, location);
  }
  const refs = [...found.values()].map((c) => c.ref);
  return refs.sort((a, b) => compareText(a.path, b.path) || compareText(a.sessionId, b.sessionId));
}

async function discoverUserDir(ctx: AdapterContext, found: Map<string, Candidate>, userDir: string) {
  const product = productOf(userDir);
  const databases: { path: string; stamp: string; storage: Storage; workspaceDir?: string }[] = [];
  const wal = new Map<string, string>();
  const workspaceRoot = join(userDir, 'workspaceStorage');
  const outside = knownOutside(ctx);
  for (const entry of ctx.walk(workspaceRoot, {
    patterns: ['*/chatSessions/*.json', '*/chatSessions/*.jsonl', '*/state.vscdb', '*/state.vscdb-wal'],
    // Extension folders and edit snapshots beside `chatSessions/` are never read.
    ignore: ['*/!(chatSessions)/*'],
    deep: 3,
    ...(outside ? { statIf: (path: string) => outside(path) === undefined } : {}),
  })) {
    ctx.signal.throwIfAborted();
    const { dir, name } = splitPath(entry.path);
    if (name === 'state.vscdb') {
      databases.push({ path: entry.path, stamp: stampOf(entry), storage: 'workspace', workspaceDir: dir });
    } else if (name === 'state.vscdb-wal') {
      wal.set(entry.path.slice(0, -'-wal'.length), stampOf(entry));
    } else {
      const workspaceDir = splitPath(dir).dir;
      const recorded = entry.size < 0 ? outside?.(entry.path) : undefined;
      await offerFile(ctx, found, entry.path, 'workspace', workspaceDir, product, entry, recorded);
    }
  }
  const globalRoot = join(userDir, 'globalStorage');
  for (const [folder, storage] of [
    ['emptyWindowChatSessions', 'empty-window'],
    ['transferredChatSessions', 'transferred'],
  ] as const) {
    for (const entry of ctx.walk(join(globalRoot, folder), {
      patterns: ['*.json', '*.jsonl'],
      deep: 1,
    })) {
      await offerFile(ctx, found, entry.path, storage, undefined, product, entry);
    }
  }
  const globalDb = join(globalRoot, 'state.vscdb');
  const globalInfo = await ctx.stat(globalDb);
  if (globalInfo?.isFile)
    databases.push({ path: globalDb, stamp: stampOf(globalInfo), storage: 'empty-window' });
  if (globalInfo?.isFile) {
    const globalWal = await ctx.stat(`${globalDb}-wal`);
    if (globalWal) wal.set(globalDb, stampOf(globalWal));
  }
  for (const db of databases) {
    ctx.signal.throwIfAborted();
    const sessions = scanCached(ctx, db.path, `${db.stamp}/${wal.get(db.path) ?? '-'}`);
    for (const session of sessions ?? []) {
      const data: CopilotVscodeRefData = { generation: 'state.vscdb', storage: db.storage, path: db.path };
      if (db.workspaceDir) data.workspaceDir = db.workspaceDir;
      if (product) data.product = product;
      offer(found, {
        ref: {
          sessionId: session.id,
          fingerprint: `state.vscdb:${session.hash}`,
          path: db.path,
          size: session.size,
          data,
        },
        rank: rankOf('state.vscdb', db.storage),
      });
    }
  }
}

/**
 * In a filtered run, the fingerprint the index recorded for a workspace's chat file it knows to be out of
 * scope, else undefined. What decides it cannot change: the chat's folder is the workspace's, named in its
 * `workspace.json`, which stays as it is while the workspace exists (its storage folder's name is a hash of
 * the folder it names). Which copy of a chat wins depends on where it is stored, never on a stat.
 */
function knownOutside(ctx: AdapterContext): ((path: string) => string | undefined) | undefined {
  const scope = ctx.scope;
  if (!scope) return undefined;
  return (path) => {
    const file = sessionFileOf(path);
    return file && scope.knownOutside(path, file.sessionId)?.fingerprint;
  };
}

/**
 * `<sessionId>.jsonl` or `<sessionId>.json` (the extension in any case), read as `extname` reads a name: a
 * name's leading dot starts no extension. Undefined for any other file.
 */
function sessionFileOf(path: string): { generation: Generation; sessionId: string } | undefined {
  const { name } = splitPath(path);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const lower = name.slice(dot).toLowerCase();
  const generation = lower === '.jsonl' ? 'jsonl' : lower === '.json' ? 'json' : undefined;
  return generation && { generation, sessionId: name.slice(0, dot) };
}

/**
 * A session file: `<sessionId>.json` or `<sessionId>.jsonl`; its fingerprint is its stat, or the one the
 * index `recorded` for a file listed without a stat (size and mtime -1).
 */
async function offerFile(
  ctx: AdapterContext,
  found: Map<string, Candidate>,
  path: string,
  storage: Storage,
  workspaceDir: string | undefined,
  product: string | undefined,
  stat: { size: number; mtimeMs: number } | undefined,
  recorded?: string,
): Promise<void> {
  const file = sessionFileOf(path);
  if (file === undefined) {
    if (extname(path).toLowerCase() === '.vscdb' && stat) await offerDatabaseFile(ctx, found, path, stat);
    return;
  }
  const { generation, sessionId } = file;
  if (!stat) return;
  const data: CopilotVscodeRefData = { generation, storage, path };
  if (workspaceDir) data.workspaceDir = workspaceDir;
  if (product) data.product = product;
  offer(found, {
    ref: {
      sessionId,
      fingerprint: recorded ?? `${generation}:${stampOf(stat)}`,
      path,
      files: [path],
      size: Math.max(stat.size, 0),
      data,
    },
    rank: rankOf(generation, storage),
  });
}

/** A `state.vscdb` named on its own: its chats, with the project unknown. */
async function offerDatabaseFile(
  ctx: AdapterContext,
  found: Map<string, Candidate>,
  path: string,
  stat: { size: number; mtimeMs: number },
): Promise<void> {
  const walStat = await ctx.stat(`${path}-wal`);
  const sessions = scanCached(ctx, path, `${stampOf(stat)}/${walStat ? stampOf(walStat) : '-'}`);
  for (const session of sessions ?? []) {
    offer(found, {
      ref: {
        sessionId: session.id,
        fingerprint: `state.vscdb:${session.hash}`,
        path,
        size: session.size,
        data: { generation: 'state.vscdb', storage: 'file', path },
      },
      rank: rankOf('state.vscdb', 'file'),
    });
  }
}

function offer(found: Map<string, Candidate>, candidate: Candidate): void {
  const existing = found.get(candidate.ref.sessionId);
  if (existing && existing.rank >= candidate.rank) return;
  found.set(candidate.ref.sessionId, candidate);
}

function rankOf(generation: Generation, storage: Storage): number {
  return GENERATION_RANK[generation] * 10 + STORAGE_RANK[storage];
}

function stampOf(stat: { size: number; mtimeMs: number }): string {
  return `${stat.size}:${stat.mtimeMs}`;
}

/**
 * A database's chats, cached by the stamp of the file and its write-ahead log: an unchanged database costs
 * two stats. One that cannot be read is reported (with its path) and yields nothing.
 */
function scanCached(ctx: AdapterContext, path: string, stamp: string): DatabaseSessionSummary[] | undefined {
  const key = `db:v${CACHE_VERSION}:${path}:${stamp}`;
  const cached = ctx.cache.get(key);
  if (Array.isArray(cached) && cached.every(isSummary)) return cached;
  try {
    const sessions = scanDatabase(path, (text) => ctx.hash(text));
    ctx.cache.set(key, sessions);
    return sessions;
  } catch (error) {
    ctx.report({ path, message: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}

function isSummary(value: unknown): value is DatabaseSessionSummary {
  const record = asRecord(value);
  return typeof record?.id === 'string' && typeof record.hash === 'string' && typeof record.size === 'number';
}
