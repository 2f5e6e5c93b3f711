import {
  closeSync,
  createReadStream,
  fsync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { threadId } from 'node:worker_threads';
import type { ScratchBuffers } from '../io/scratch-buffers.js';
import { TextWriter } from '../io/write-text.js';
import type { DurabilityBarrier } from './durability.js';
import type { RealFolders } from './real-folders.js';

/** A file's content: text, or pieces of it (bytes are written as they are: UTF-8 copied from another file). */
export type Chunks = string | Iterable<string | Uint8Array>;

/** Result of an atomic write: whether the target's bytes actually changed. */
export type WriteOutcome = 'written' | 'unchanged';

export interface AtomicWriteOptions {
  /**
   * The run's checked folders: the target's folder is made (or found) as a real folder, never through a
   * link, each folder checked once a run. Without it the folder is made with `mkdir -p` (the state folder,
   * checked when the run starts).
   */
  folders?: RealFolders;
  /**
   * Defer the fsync to this barrier (flushed before the index records the file) instead of waiting for
   * it here. Without it the file is fsynced before the rename.
   */
  barrier?: DurabilityBarrier;
}

const SMALL_WRITE = 1 << 20;
// Temp names only need to be unique within the run's own temp folder, which holds the output's lock (the
// thread id keeps the run's worker threads apart).
let tempCounter = 0;
const fsyncAsync = promisify(fsync);

/**
 * Writes `content` to `target` atomically: into a temp file (in `tmpDir`, on the same filesystem), fsync
 * (now, or at the caller's durability barrier), then rename over the target. A reader or a crash sees the
 * old file or the new one, never half of one. When the new bytes equal the existing file, nothing is
 * replaced and the target keeps its mtime.
 */
export async function writeFileAtomic(
  target: string,
  content: Chunks,
  tmpDir: string,
  options: AtomicWriteOptions = {},
): Promise<WriteOutcome> {
  const temp = await writeTemp(target, content, tmpDir, { sync: !options.barrier });
  if (temp === 'unchanged') return 'unchanged';
  commitTemp(temp, target, options);
  return 'written';
}

export interface WriteTempOptions {
  /** fsync the temp file before returning (else the caller's durability barrier does). */
  sync?: boolean;
  /**
   * false when `target` is known not to exist (a session the index has never seen): skips the comparison
   * with it, a `stat` per file — 24,000 of them on a first backup of 12,000 sessions.
   */
  compare?: boolean;
  /** The run's reusable buffers, to encode the text through (else the write has a buffer of its own). */
  buffers?: ScratchBuffers;
}

/**
 * The first half of an atomic write: the content in a temp file of `tmpDir`, or 'unchanged' when `target`
 * already holds exactly these bytes. `commitTemp` renames it into place; until then nothing outside the
 * temp folder has changed, and a temp file left behind is cleared by the next run.
 */
export async function writeTemp(
  target: string,
  content: Chunks,
  tmpDir: string,
  { sync = false, compare = true, buffers }: WriteTempOptions = {},
): Promise<string | 'unchanged'> {
  const temp = join(tmpDir, `${process.pid}-${threadId}-${++tempCounter}.tmp`);
  // With a file there to compare with, a small one is held whole: unchanged (a re-rendered session usually
  // has such files), it is not written at all. Without one, the pieces are written as they come.
  const { small, rest } = compare
    ? takeSmall(content)
    : { small: undefined, rest: typeof content === 'string' ? [content] : content };
  if (small !== undefined && sameAsText(target, small)) return 'unchanged';
  try {
    const size = await writeStreamed(temp, small !== undefined ? [small] : rest, sync, buffers);
    if (compare && small === undefined && (await sameBytes(temp, target, size))) {
      rmSync(temp, { force: true });
      return 'unchanged';
    }
    return temp;
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * The second half: renames a temp file from `writeTemp` over `target`, making its folder when needed. A link
 * at the target's own name is replaced, never written through (a rename replaces the name, not what it
 * points to).
 */
export function commitTemp(temp: string, target: string, options: AtomicWriteOptions = {}): void {
  const { folders, barrier } = options;
  const dir = dirname(target);
  const makeDir = () => (folders ? folders.make(dir) : mkdirSync(dir, { recursive: true }));
  try {
    makeDir();
    // Direct calls: a thread-pool round trip costs ten times the rename itself on a local disk.
    try {
      renameSync(temp, target);
    } catch (error) {
      // The folder was pruned since we made it (another session moved out of it): make it again.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      folders?.forget(dir);
      makeDir();
      renameSync(temp, target);
    }
    barrier?.add(target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Reads chunks until the content ends or passes a megabyte: the whole text when small, else the chunks read
 * so far followed by the rest, to be streamed.
 */
function takeSmall(content: Chunks): { small?: string; rest: Iterable<string | Uint8Array> } {
  const iterator = (typeof content === 'string' ? [content] : content)[Symbol.iterator]();
  const head: Array<string | Uint8Array> = [];
  let length = 0;
  for (;;) {
    const next = iterator.next();
    if (next.done) return { small: head.join(''), rest: [] };
    head.push(next.value);
    length += next.value.length;
    // Bytes come only from big files (a spilled twin's body): those are streamed.
    if (length > SMALL_WRITE || typeof next.value !== 'string') {
      const rest = { [Symbol.iterator]: () => iterator };
      return {
        rest: (function* () {
          yield* head;
          yield* rest;
        })(),
      };
    }
  }
}

async function writeStreamed(
  temp: string,
  content: Iterable<string | Uint8Array>,
  sync: boolean,
  buffers: ScratchBuffers | undefined,
): Promise<number> {
  // Exclusive: a link planted at the temp file's name fails the write instead of leading it elsewhere.
  const fd = openSync(temp, 'wx');
  try {
    // Each piece is encoded straight into a reused buffer: no joined strings (large ones would wait for a
    // full collection), no copy of the file in memory.
    const writer = new TextWriter(fd, buffers);
    try {
      for (const piece of content) writer.write(piece);
    } catch (error) {
      writer.abandon();
      throw error;
    }
    const size = writer.end();
    if (sync) await fsyncAsync(fd);
    return size;
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether `target` already holds exactly `text`; only a regular file of the same size is read (a link at
 * its name is never "unchanged": it gets replaced by the file).
 */
function sameAsText(target: string, text: string): boolean {
  try {
    const existing = lstatSync(target, { throwIfNoEntry: false });
    if (!existing?.isFile() || existing.size !== Buffer.byteLength(text, 'utf8')) return false;
    return readFileSync(target).equals(Buffer.from(text, 'utf8'));
  } catch {
    return false;
  }
}

/** Whether two files hold the same bytes (false when either is missing). */
export async function sameFileBytes(a: string, b: string): Promise<boolean> {
  const size = lstatSync(a, { throwIfNoEntry: false })?.size;
  return size !== undefined && sameBytes(a, b, size);
}

async function sameBytes(a: string, b: string, aSize: number): Promise<boolean> {
  let bSize: number | undefined;
  try {
    const existing = lstatSync(b, { throwIfNoEntry: false });
    bSize = existing?.isFile() ? existing.size : undefined;
  } catch {
    return false;
  }
  if (bSize !== aSize) return false;
  const ia = createReadStream(a, { highWaterMark: 1 << 20 })[Symbol.asyncIterator]();
  const ib = createReadStream(b, { highWaterMark: 1 << 20 })[Symbol.asyncIterator]();
  let bufA: Buffer = Buffer.alloc(0);
  let bufB: Buffer = Buffer.alloc(0);
  try {
    for (;;) {
      if (bufA.length === 0) {
        const r = await ia.next();
        bufA = r.done ? Buffer.alloc(0) : (r.value as Buffer);
      }
      if (bufB.length === 0) {
        const r = await ib.next();
        bufB = r.done ? Buffer.alloc(0) : (r.value as Buffer);
      }
      if (bufA.length === 0 || bufB.length === 0) return bufA.length === bufB.length;
      const n = Math.min(bufA.length, bufB.length);
      if (!bufA.subarray(0, n).equals(bufB.subarray(0, n))) return false;
      bufA = bufA.subarray(n);
      bufB = bufB.subarray(n);
    }
  } finally {
    await ia.return?.();
    await ib.return?.();
  }
}
