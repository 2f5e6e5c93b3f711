import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { isMainThread } from 'node:worker_threads';
import type {
  DiagnosticsCollector,
  JsonlLine,
  JsonlRecord,
  ReadJsonlOptions,
  ReadLinesOptions,
} from '../contract/context.js';
import { type HeadCheck, LineSplitter } from './line-splitter.js';

const DEFAULT_MAX_LINE = 512 * 1024 * 1024;
const MAX_CHUNK = 1 << 20;
/** Read first from a small file: session heads (Codex's session_meta with its instructions) fit. */
const HEAD_BYTES = 32 * 1024;

/** Receives the SHA-256 of a file that was read to its end (how the engine avoids a second read to hash it). */
export type HashTap = (sha256: string) => void;

/**
 * Streams the non-empty lines of a file. Splits raw buffers on `\n` (faster than `readline`), strips a
 * trailing `\r`, and keeps a partial line across chunks without copying whole chunks again. `head`, when
 * given, drops lines by their first bytes without decoding (or, across chunks, holding) the rest.
 */
export async function* readLines(
  path: string,
  diagnostics?: DiagnosticsCollector,
  options: ReadLinesOptions = {},
  tap?: HashTap,
  head?: HeadCheck,
): AsyncIterable<JsonlLine> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE;
  const splitter = new LineSplitter(
    maxLineBytes,
    (line) =>
      diagnostics?.add('oversized-line', `line longer than ${maxLineBytes} bytes skipped`, { path, line }),
    head,
  );
  // Small files (most sessions) with direct calls (a thread-pool round trip per open costs more than the
  // open); big ones in chunks through the file handle. The buffer is reused from file to file: lines are
  // decoded into strings and partial lines copied, so nothing yielded points into it.
  const buffer = takeBuffer();
  try {
    const fd = openSync(path, 'r');
    let small = false;
    try {
      const size = fstatSync(fd).size;
      small = size <= buffer.length;
      if (small) {
        // The head first, then the rest: a reader after the first lines only (discovery peeking at a
        // session's id) stops before the rest is read.
        const hash = tap ? createHash('sha256') : undefined;
        let offset = 0;
        for (const end of [Math.min(size, HEAD_BYTES), size]) {
          const read = readUpTo(fd, buffer, offset, end);
          if (read === 0) continue;
          const chunk = buffer.subarray(offset, offset + read);
          offset += read;
          hash?.update(chunk);
          yield* splitter.feed(chunk);
        }
        if (hash && tap) tap(hash.digest('hex'));
      }
    } finally {
      closeSync(fd);
    }
    if (small) {
      yield* splitter.end();
      return;
    }
    // Big files in chunks. The main thread reads through a file handle, so the event loop turns between
    // chunks (Ctrl-C, the progress bar, the worker threads' messages); a worker thread has nothing else to do
    // meanwhile and reads directly, instead of idling through a thread-pool round trip per megabyte.
    const direct = isMainThread ? undefined : openSync(path, 'r');
    const handle = direct === undefined ? await open(path, 'r') : undefined;
    const hash = tap ? createHash('sha256') : undefined;
    try {
      for (;;) {
        const bytesRead =
          direct === undefined
            ? (await (handle as FileHandle).read(buffer, 0, buffer.length, null)).bytesRead
            : readSync(direct, buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        const chunk = buffer.subarray(0, bytesRead);
        hash?.update(chunk);
        yield* splitter.feed(chunk);
      }
    } finally {
      if (direct === undefined) await handle?.close();
      else closeSync(direct);
    }
    if (hash && tap) tap(hash.digest('hex'));
    yield* splitter.end();
  } finally {
    spareBuffers.push(buffer);
  }
}

// Read buffers, reused: a fresh megabyte per file would be memory the garbage collector frees only late.
const spareBuffers: Buffer[] = [];
function takeBuffer(): Buffer {
  return spareBuffers.pop() ?? Buffer.allocUnsafeSlow(MAX_CHUNK);
}

/** Reads bytes `from`…`to` of the file into the same range of `buffer`; fewer at its end. */
function readUpTo(fd: number, buffer: Buffer, from: number, to: number): number {
  let offset = from;
  while (offset < to) {
    const n = readSync(fd, buffer, offset, to - offset, offset);
    if (n === 0) break;
    offset += n;
  }
  return offset - from;
}

/**
 * Streams parsed JSONL records. Invalid lines (malformed, or the truncated tail of a crashed writer) are
 * counted as `malformed-line` and skipped; the rest of the file is still read.
 */
export async function* readJsonl(
  path: string,
  diagnostics?: DiagnosticsCollector,
  options: ReadJsonlOptions = {},
  tap?: HashTap,
): AsyncIterable<JsonlRecord> {
  const { filter, filterHeadBytes } = options;
  const head = filter && filterHeadBytes ? { bytes: filterHeadBytes, keep: filter } : undefined;
  for await (const { line, text } of readLines(path, diagnostics, options, tap, head)) {
    if (filter && !head && !filter(text)) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      diagnostics?.add('malformed-line', 'line is not valid JSON; skipped', { path, line });
      continue;
    }
    yield { line, value };
  }
}
