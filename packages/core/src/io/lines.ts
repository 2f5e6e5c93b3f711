import { createHash } from 'node:crypto';
import { closeSync, fstatSync, open as openCb, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
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
const SMALL_FILE = 1 << 20;
const openAsync = promisify(openCb);

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
  // Small files (most sessions) in one read. Only the open goes through the thread pool (it is the slow
  // call); a stream would add several more round trips per file.
  const fd = await openAsync(path, 'r');
  let bytes: Buffer | undefined;
  try {
    const size = fstatSync(fd).size;
    if (size <= SMALL_FILE) bytes = readWhole(fd, size);
  } finally {
    closeSync(fd);
  }
  if (bytes) {
    if (tap) tap(createHash('sha256').update(bytes).digest('hex'));
    yield* splitter.feed(bytes);
    yield* splitter.end();
    return;
  }
  const handle = await open(path, 'r');
  const hash = tap ? createHash('sha256') : undefined;
  for await (const chunk of handle.createReadStream({ highWaterMark: MAX_CHUNK }) as AsyncIterable<Buffer>) {
    hash?.update(chunk);
    yield* splitter.feed(chunk);
  }
  if (hash && tap) tap(hash.digest('hex'));
  yield* splitter.end();
}

function readWhole(fd: number, size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let offset = 0;
  while (offset < size) {
    const n = readSync(fd, bytes, offset, size - offset, offset);
    if (n === 0) break;
    offset += n;
  }
  return offset === size ? bytes : bytes.subarray(0, offset);
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
