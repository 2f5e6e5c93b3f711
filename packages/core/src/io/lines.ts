import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, read, readSync } from 'node:fs';
import { promisify } from 'node:util';
import type {
  DiagnosticsCollector,
  JsonlLine,
  JsonlRecord,
  ReadJsonlOptions,
  ReadLinesOptions,
} from '../contract/context.js';
import { DEFAULT_MAX_LINE_BYTES, type LineLimit } from './line-limit.js';
import { type HeadCheck, LineSplitter } from './line-splitter.js';
import { ScratchBuffers } from './scratch-buffers.js';

const readAsync = promisify(read);
const MAX_CHUNK = 1 << 20;
/** Read first from a small file: session heads (Codex's session_meta with its instructions) fit. */
const HEAD_BYTES = 32 * 1024;

/** Receives the SHA-256 of a file that was read to its end (how the engine avoids a second read to hash it). */
export type HashTap = (sha256: string) => void;

/** What the engine adds to an adapter's reads. */
export interface ReadHooks {
  tap?: HashTap;
  /**
   * The run's line limit. A line over it throws (the session fails, or goes to the main thread) — unless the
   * reader's own `maxLineBytes` is lower: that one skips the line with an `oversized-line` diagnostic, as
   * does the default limit (256 MiB) when there are no hooks.
   */
  limit?: LineLimit;
  /** The run's reusable read buffers; without them the read has a buffer of its own. */
  buffers?: ScratchBuffers;
}

/**
 * Streams the non-empty lines of a file. Splits raw buffers on `\n` (faster than `readline`), strips a
 * trailing `\r`, and keeps a partial line across chunks without copying whole chunks again. `head`, when
 * given, drops lines by their first bytes without decoding (or, across chunks, holding) the rest.
 */
export async function* readLines(
  path: string,
  diagnostics?: DiagnosticsCollector,
  options: ReadLinesOptions = {},
  hooks: ReadHooks = {},
  head?: HeadCheck,
): AsyncIterable<JsonlLine> {
  const splitter = lineSplitter(path, diagnostics, options, hooks.limit, head);
  for await (const chunk of fileChunks(path, hooks)) {
    splitter.load(chunk);
    for (let line = splitter.next(); line; line = splitter.next()) yield line;
  }
  const last = splitter.last();
  if (last) yield last;
}

/**
 * Streams parsed JSONL records. Invalid lines (malformed, or the truncated tail of a crashed writer) are
 * counted as `malformed-line` and skipped; the rest of the file is still read.
 */
export async function* readJsonl(
  path: string,
  diagnostics?: DiagnosticsCollector,
  options: ReadJsonlOptions = {},
  hooks: ReadHooks = {},
): AsyncIterable<JsonlRecord> {
  const reader = new JsonlReader(path, diagnostics, options, hooks.limit);
  for await (const chunk of fileChunks(path, hooks)) {
    reader.load(chunk);
    for (let record = reader.next(); record; record = reader.next()) yield record;
  }
  const last = reader.last();
  if (last) yield last;
}

/**
 * `readJsonl` with a callback: `onRecord` runs for each record as soon as it is parsed, and is awaited only
 * when it returns a promise. No promise per line, so a big file is read and parsed in about half the time
 * an async iterator takes. Throw from `onRecord` to stop early; the file is closed either way.
 */
export async function eachJsonl(
  path: string,
  onRecord: (value: unknown, line: number) => void | Promise<void>,
  diagnostics?: DiagnosticsCollector,
  options: ReadJsonlOptions = {},
  hooks: ReadHooks = {},
): Promise<void> {
  const reader = new JsonlReader(path, diagnostics, options, hooks.limit);
  for await (const chunk of fileChunks(path, hooks)) {
    reader.load(chunk);
    for (let record = reader.next(); record; record = reader.next()) {
      const pending = onRecord(record.value, record.line);
      if (pending) await pending;
    }
  }
  const last = reader.last();
  if (last) await onRecord(last.value, last.line);
}

function lineSplitter(
  path: string,
  diagnostics: DiagnosticsCollector | undefined,
  options: ReadLinesOptions,
  limit: LineLimit | undefined,
  head?: HeadCheck,
): LineSplitter {
  // The reader's own limit, when lower than the run's, is the reader's choice: skip the line, say so.
  const own = options.maxLineBytes ?? (limit ? Number.POSITIVE_INFINITY : DEFAULT_MAX_LINE_BYTES);
  const maxLineBytes = Math.min(own, limit?.bytes ?? Number.POSITIVE_INFINITY);
  return new LineSplitter(
    maxLineBytes,
    (line, bytes) => {
      if (limit && maxLineBytes < own) limit.exceeded(path, line, bytes);
      diagnostics?.add('oversized-line', `line longer than ${maxLineBytes} bytes skipped`, { path, line });
    },
    head,
  );
}

/** A JSONL file's records, chunk by chunk: its lines split, filtered and parsed, malformed ones counted. */
class JsonlReader {
  private readonly splitter: LineSplitter;
  /** A filter that sees whole lines; one that sees heads runs in the splitter, before decoding. */
  private readonly lineFilter: ((text: string) => boolean) | undefined;

  constructor(
    private readonly path: string,
    private readonly diagnostics: DiagnosticsCollector | undefined,
    options: ReadJsonlOptions,
    limit: LineLimit | undefined,
  ) {
    const { filter, filterHeadBytes } = options;
    const head = filter && filterHeadBytes ? { bytes: filterHeadBytes, keep: filter } : undefined;
    this.splitter = lineSplitter(path, diagnostics, options, limit, head);
    this.lineFilter = head ? undefined : filter;
  }

  load(chunk: Buffer): void {
    this.splitter.load(chunk);
  }

  /** The next record of the loaded chunk; undefined once it is used up (see `LineSplitter.next`). */
  next(): JsonlRecord | undefined {
    for (let line = this.splitter.next(); line; line = this.splitter.next()) {
      const record = this.parse(line);
      if (record) return record;
    }
    return undefined;
  }

  /** The record on a last line without a newline, if any; after the last chunk. */
  last(): JsonlRecord | undefined {
    const line = this.splitter.last();
    return line && this.parse(line);
  }

  private parse({ line, text }: JsonlLine): JsonlRecord | undefined {
    if (this.lineFilter && !this.lineFilter(text)) return undefined;
    try {
      return { line, value: JSON.parse(text) };
    } catch {
      this.diagnostics?.add('malformed-line', 'line is not valid JSON; skipped', { path: this.path, line });
      return undefined;
    }
  }
}

/**
 * A file's bytes in chunks of one reused buffer — each chunk must be consumed before the next is asked
 * for — then its SHA-256 to `tap` once the end is reached. One file descriptor, opened with a direct call (a
 * thread-pool round trip per open costs more than the open).
 */
export async function* fileChunks(path: string, hooks: ReadHooks): AsyncGenerator<Buffer> {
  const { tap, buffers = new ScratchBuffers() } = hooks;
  const buffer = buffers.take(MAX_CHUNK);
  try {
    const fd = openSync(path, 'r');
    const hash = tap ? createHash('sha256') : undefined;
    try {
      const size = fstatSync(fd).size;
      if (size <= buffer.length) {
        // A small file (most sessions): its head, then the rest, with direct calls. A reader after the first
        // lines only (discovery peeking at a session's id) stops before the rest is read.
        let offset = 0;
        for (const end of [Math.min(size, HEAD_BYTES), size]) {
          const got = readUpTo(fd, buffer, offset, end);
          if (got === 0) continue;
          const chunk = buffer.subarray(offset, offset + got);
          offset += got;
          hash?.update(chunk);
          yield chunk;
        }
      } else {
        // A big one in chunks, through the thread pool, so the event loop turns between chunks (Ctrl-C,
        // the progress bar, the worker threads' messages).
        for (;;) {
          const { bytesRead } = await readAsync(fd, buffer, 0, buffer.length, null);
          if (bytesRead === 0) break;
          const chunk = buffer.subarray(0, bytesRead);
          hash?.update(chunk);
          yield chunk;
        }
      }
    } finally {
      closeSync(fd);
    }
    if (hash && tap) tap(hash.digest('hex'));
  } finally {
    buffers.give(buffer);
  }
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
