import { closeSync, fstatSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { walk } from '../io/fs.js';
import { toPosix } from '../paths/posix.js';
import { commitTemp, writeFileAtomic, writeTemp } from './atomic.js';
import { linesOf, parseHead, parsePrefix, type StoredIndex, type StoredLines } from './index-format.js';
import { SessionIndex } from './session-index.js';
import { readTwinHeader } from './twin.js';
import type { IndexEntry, IndexFile, LastRun } from './types.js';

/** Git-ignored state below the output root: index, discovery cache, lock, temp files. */
export const STATE_DIR = '.convx/state';
export const INDEX_FILE = 'index.jsonl';
/** The index as convx wrote it before `index.jsonl` (one JSON object): read once, then replaced. */
export const LEGACY_INDEX_FILE = 'index.json';
export const LAST_RUN_FILE = 'last-run.json';

export const statePath = (outputRoot: string, ...parts: string[]) => join(outputRoot, STATE_DIR, ...parts);

/**
 * A state file's JSON, or undefined. Read in one synchronous call: the run waits for it anyway, and the
 * promise API reads a 16 MB index in 512 KiB pieces, each a round trip through the thread pool.
 */
function readJsonIfAny<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/**
 * The stored index of an output: `index.jsonl`, else the `index.json` of older versions (migrated: the next
 * save writes `index.jsonl` and removes it), else undefined (missing or unreadable).
 */
export function readStoredIndex(outputRoot: string): SessionIndex | undefined {
  const stored = readIndexHead(statePath(outputRoot, INDEX_FILE));
  if (stored) return SessionIndex.stored(stored);
  const legacy = readJsonIfAny<{ version?: unknown; sessions?: unknown }>(
    statePath(outputRoot, LEGACY_INDEX_FILE),
  );
  if (legacy?.version === 1 && legacy.sessions && typeof legacy.sessions === 'object')
    return SessionIndex.of(legacy.sessions as Record<string, IndexEntry>, true);
  return undefined;
}

/**
 * Reads an index file's first line and head alone, or undefined when it is not a complete version-2 index
 * (its size is not what its first line says). The rest, an entry's lines, is read the first time a run needs
 * it, from the same file: a run saves the index only after reading them, and holds the lock meanwhile.
 */
function readIndexHead(path: string): StoredIndex | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const { size, ino, mtimeMs } = fstatSync(fd);
    const start = readAt(fd, 0, Math.min(size, 256));
    const prefixEnd = start.indexOf(0x0a);
    const prefix = prefixEnd < 0 ? undefined : parsePrefix(start.toString('utf8', 0, prefixEnd));
    if (!prefix || prefixEnd + 1 + prefix.headBytes + prefix.detailBytes !== size) return undefined;
    const head = parseHead(readAt(fd, prefixEnd + 1, prefix.headBytes).toString('utf8'));
    if (!head) return undefined;
    const identity = `${ino}:${size}:${mtimeMs}`;
    let lines: StoredLines | undefined;
    const readLines = () => {
      const { ino, size, mtimeMs } = statSync(path);
      const text = identity === `${ino}:${size}:${mtimeMs}` ? readFileSync(path, 'utf8') : '';
      const read = linesOf(text, head.keys.length);
      if (!read) throw new Error(`${path} changed during the run`);
      return read;
    };
    return { ...head, lines: () => (lines ??= readLines()) };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** `length` bytes of a file from `position` (fewer at its end). */
function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let read = 0;
  while (read < length) {
    const n = readSync(fd, buffer, read, length - read, position + read);
    if (n === 0) break;
    read += n;
  }
  return buffer.subarray(0, read);
}

/**
 * Opens the incremental index of an output for a run. When it is missing or unreadable it is rebuilt from
 * the JSON twins (which carry key, fingerprint and render key), so losing `.convx/state` costs a re-scan, not
 * a re-export.
 */
export async function openIndex(outputRoot: string): Promise<SessionIndex> {
  const stored = readStoredIndex(outputRoot);
  if (stored) return stored;
  // Saved by the run even when nothing changes, so the next run does not read every twin again.
  const { sessions } = await rebuildIndex(outputRoot);
  return SessionIndex.of(sessions, Object.keys(sessions).length > 0);
}

/** Reads the incremental index of an output, every entry parsed (see `openIndex`), with the last run's totals. */
export async function readIndex(outputRoot: string): Promise<IndexFile> {
  const sessions = (await openIndex(outputRoot)).toRecord();
  const lastRun = readJsonIfAny<LastRun>(statePath(outputRoot, LAST_RUN_FILE));
  return lastRun ? { version: 2, sessions, lastRun } : { version: 2, sessions };
}

/** Scans an output for JSON twins (`.<basename>.json`) and rebuilds the index from their headers. */
export async function rebuildIndex(outputRoot: string): Promise<IndexFile> {
  const sessions: Record<string, IndexEntry> = {};
  for await (const file of walk(outputRoot, {
    patterns: ['**/.*.json'],
    ignore: ['.convx/**', '.git/**', '**/node_modules/**'],
  })) {
    const header = await readTwinHeader(file.path);
    if (!header?.key || !header.convx || typeof header.source !== 'string') continue;
    const rel = toPosix(relative(outputRoot, file.path));
    const dir = rel.slice(0, rel.lastIndexOf('/') + 1);
    const basename = rel.slice(dir.length + 1, -'.json'.length);
    // The transcript files beside the twin, whatever the renderer named them (`<basename>.md`, `.html`…).
    const siblings = await readdir(join(outputRoot, dir)).catch(() => [] as string[]);
    const outputs = [
      rel,
      ...siblings.filter((name) => name.startsWith(`${basename}.`)).map((name) => `${dir}${name}`),
    ];
    for await (const child of walk(join(outputRoot, dir, basename), { patterns: ['**/*'] })) {
      outputs.push(toPosix(relative(outputRoot, child.path)));
    }
    const entry: IndexEntry = {
      key: header.key,
      source: header.source,
      sessionId: header.sessionId,
      fingerprint: header.convx.fingerprint,
      renderKey: header.convx.renderKey,
      outputs: await existing(outputRoot, outputs),
      sourcePath: header.sourceLocation?.path ?? '',
      messageCount: header.convx.messageCount,
      models: header.models ?? [],
      exportedAt: new Date(file.mtimeMs).toISOString(),
    };
    const optional = {
      contentHash: header.convx.contentHash,
      title: header.title,
      cwd: header.cwd,
      startedAt: header.startedAt,
      endedAt: header.endedAt,
      user: header.convx.user,
      systemName: header.convx.systemName,
    };
    for (const [k, v] of Object.entries(optional))
      if (v !== undefined) (entry as unknown as Record<string, unknown>)[k] = v;
    sessions[header.key] = entry;
  }
  return { version: 2, sessions };
}

async function existing(root: string, paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) if (await stat(join(root, p)).catch(() => undefined)) out.push(p);
  return out;
}

/**
 * Forgets an output's index, so the next run rebuilds it from the JSON twins: after files were renamed
 * or twins rewritten outside a run (`convx scan --fix`). Call it holding the output's lock.
 */
export async function dropIndex(outputRoot: string): Promise<void> {
  await rm(statePath(outputRoot, INDEX_FILE), { force: true });
  await rm(statePath(outputRoot, LEGACY_INDEX_FILE), { force: true });
}

/**
 * Saves the index, replacing the file whole (a crash leaves the old file or the new one, never a mix); then
 * removes an older version's `index.json`, which a crash in between leaves beside it, unread.
 */
export async function writeIndex(outputRoot: string, index: SessionIndex): Promise<void> {
  (await stageIndex(outputRoot, index))();
}

/**
 * The first half of `writeIndex`: the index written (and fsynced) beside the file it replaces, which stays
 * in effect until the answered function renames it into place. A checkpoint stages the index while the disk
 * flushes the files it records (the end of a cold backup waited for the flush, then for the save); a staged
 * index never put in place is a temp file the next run clears.
 */
export async function stageIndex(outputRoot: string, index: SessionIndex): Promise<() => void> {
  const dir = statePath(outputRoot);
  const tmp = join(dir, 'tmp');
  await mkdir(tmp, { recursive: true });
  const target = join(dir, INDEX_FILE);
  const temp = await writeTemp(target, index.chunks(), tmp, { sync: true });
  return () => {
    if (temp !== 'unchanged') commitTemp(temp, target);
    rmSync(join(dir, LEGACY_INDEX_FILE), { force: true });
  };
}

export async function writeLastRun(outputRoot: string, lastRun: LastRun): Promise<void> {
  const dir = statePath(outputRoot);
  await mkdir(join(dir, 'tmp'), { recursive: true });
  await writeFileAtomic(join(dir, LAST_RUN_FILE), `${JSON.stringify(lastRun, null, 2)}\n`, join(dir, 'tmp'));
}
