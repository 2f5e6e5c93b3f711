import { readFileSync } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { walk } from '../io/fs.js';
import { jsonObjectChunks } from '../io/json-chunks.js';
import { toPosix } from '../paths/posix.js';
import { writeFileAtomic } from './atomic.js';
import { readTwinHeader } from './twin.js';
import type { IndexEntry, IndexFile, LastRun } from './types.js';

/** Git-ignored state below the output root: index, discovery cache, lock, temp files. */
export const STATE_DIR = '.convx/state';
export const INDEX_FILE = 'index.json';
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
 * Reads the incremental index of an output. When it is missing or unreadable it is rebuilt from the JSON
 * twins (which carry key, fingerprint and render key), so losing `.convx/state` costs a re-scan, not a
 * re-export.
 */
export async function readIndex(outputRoot: string): Promise<IndexFile> {
  const stored = readJsonIfAny<IndexFile>(statePath(outputRoot, INDEX_FILE));
  const lastRun = readJsonIfAny<LastRun>(statePath(outputRoot, LAST_RUN_FILE));
  if (stored && stored.version === 1 && stored.sessions && typeof stored.sessions === 'object') {
    return lastRun ? { ...stored, lastRun } : stored;
  }
  const rebuilt = await rebuildIndex(outputRoot);
  return lastRun ? { ...rebuilt, lastRun } : rebuilt;
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
  return { version: 1, sessions };
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
}

export async function writeIndex(outputRoot: string, index: IndexFile): Promise<void> {
  const dir = statePath(outputRoot);
  await mkdir(join(dir, 'tmp'), { recursive: true });
  const { lastRun, ...rest } = index;
  await writeFileAtomic(join(dir, INDEX_FILE), indexChunks(rest), join(dir, 'tmp'));
}

/** The index as JSON (what `JSON.stringify` gives), its sessions serialized in pieces. */
function* indexChunks(index: Omit<IndexFile, 'lastRun'>): Generator<string> {
  yield `{"version":${JSON.stringify(index.version)},"sessions":`;
  yield* jsonObjectChunks(Object.entries(index.sessions));
  yield '}';
}

export async function writeLastRun(outputRoot: string, lastRun: LastRun): Promise<void> {
  const dir = statePath(outputRoot);
  await mkdir(join(dir, 'tmp'), { recursive: true });
  await writeFileAtomic(join(dir, LAST_RUN_FILE), `${JSON.stringify(lastRun, null, 2)}\n`, join(dir, 'tmp'));
}
