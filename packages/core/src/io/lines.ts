import { createReadStream } from 'node:fs';
import type {
  DiagnosticsCollector,
  JsonlLine,
  JsonlRecord,
  ReadJsonlOptions,
  ReadLinesOptions,
} from '../contract/context.js';

const NEWLINE = 0x0a;
const DEFAULT_MAX_LINE = 512 * 1024 * 1024;

/**
 * Streams the non-empty lines of a file. Splits raw buffers on `\n` (faster than `readline`), strips a
 * trailing `\r`, and keeps a partial line across chunks without copying whole chunks again.
 */
export async function* readLines(
  path: string,
  diagnostics?: DiagnosticsCollector,
  options: ReadLinesOptions = {},
): AsyncIterable<JsonlLine> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE;
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
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

/**
 * Streams parsed JSONL records. Invalid lines (malformed, or the truncated tail of a crashed writer) are
 * counted as `malformed-line` and skipped; the rest of the file is still read.
 */
export async function* readJsonl(
  path: string,
  diagnostics?: DiagnosticsCollector,
  options: ReadJsonlOptions = {},
): AsyncIterable<JsonlRecord> {
  const { filter } = options;
  for await (const { line, text } of readLines(path, diagnostics, options)) {
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
