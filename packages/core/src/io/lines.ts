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

const NEWLINE = 0x0a;
const DEFAULT_MAX_LINE = 512 * 1024 * 1024;
const MAX_CHUNK = 1 << 20;
const SMALL_FILE = 1 << 20;
const openAsync = promisify(openCb);

/** Receives the SHA-256 of a file that was read to its end (how the engine avoids a second read to hash it). */
export type HashTap = (sha256: string) => void;

/**
 * Streams the non-empty lines of a file. Splits raw buffers on `\n` (faster than `readline`), strips a
 * trailing `\r`, and keeps a partial line across chunks without copying whole chunks again.
 */
export async function* readLines(
  path: string,
  diagnostics?: DiagnosticsCollector,
  options: ReadLinesOptions = {},
  tap?: HashTap,
): AsyncIterable<JsonlLine> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE;
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
    yield* splitBuffer(bytes, path, maxLineBytes, diagnostics);
    return;
  }
  const handle = await open(path, 'r');
  const stream = handle.createReadStream({ highWaterMark: MAX_CHUNK });
  const hash = tap ? createHash('sha256') : undefined;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let oversized = false;
  let lineNo = 0;

  const emit = (buf: Buffer, start: number, end: number): JsonlLine | undefined => {
    lineNo++;
    if (end > start && buf[end - 1] === 0x0d) end--;
    if (end <= start) return undefined;
    return { line: lineNo, text: buf.toString('utf8', start, end) };
  };

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash?.update(chunk);
    let start = 0;
    let nl = chunk.indexOf(NEWLINE, start);
    while (nl !== -1) {
      if (pendingBytes > 0 || oversized) {
        const tooBig = oversized || pendingBytes + (nl - start) > maxLineBytes;
        if (tooBig) {
          lineNo++;
          diagnostics?.add('oversized-line', `line longer than ${maxLineBytes} bytes skipped`, {
            path,
            line: lineNo,
          });
        } else {
          pending.push(chunk.subarray(start, nl));
          const joined = Buffer.concat(pending, pendingBytes + (nl - start));
          const out = emit(joined, 0, joined.length);
          if (out) yield out;
        }
        pending = [];
        pendingBytes = 0;
        oversized = false;
      } else if (nl - start > maxLineBytes) {
        lineNo++;
        diagnostics?.add('oversized-line', `line longer than ${maxLineBytes} bytes skipped`, {
          path,
          line: lineNo,
        });
      } else {
        const out = emit(chunk, start, nl);
        if (out) yield out;
      }
      start = nl + 1;
      nl = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length && !oversized) {
      pendingBytes += chunk.length - start;
      if (pendingBytes > maxLineBytes) {
        oversized = true;
        pending = [];
        pendingBytes = 0;
      } else {
        // Copy: the stream may reuse its buffers, and a subarray would pin the whole chunk.
        pending.push(Buffer.from(chunk.subarray(start)));
      }
    }
  }
  if (oversized) {
    lineNo++;
    diagnostics?.add('oversized-line', `line longer than ${maxLineBytes} bytes skipped`, {
      path,
      line: lineNo,
    });
  } else if (pendingBytes > 0) {
    const joined = Buffer.concat(pending, pendingBytes);
    const out = emit(joined, 0, joined.length);
    if (out) yield out;
  }
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

/** The lines of a file already in memory, with the same rules as the streaming path. */
function* splitBuffer(
  bytes: Buffer,
  path: string,
  maxLineBytes: number,
  diagnostics: DiagnosticsCollector | undefined,
): Generator<JsonlLine> {
  let lineNo = 0;
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end === -1) end = bytes.length;
    lineNo++;
    let stop = end;
    if (stop > start && bytes[stop - 1] === 0x0d) stop--;
    if (stop - start > maxLineBytes) {
      diagnostics?.add('oversized-line', `line longer than ${maxLineBytes} bytes skipped`, {
        path,
        line: lineNo,
      });
    } else if (stop > start) {
      yield { line: lineNo, text: bytes.toString('utf8', start, stop) };
    }
    start = end + 1;
  }
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
  const { filter } = options;
  for await (const { line, text } of readLines(path, diagnostics, options, tap)) {
    if (filter && !filter(text)) continue;
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
