import { closeSync, fstatSync, openSync, read, readSync } from 'node:fs';
import { promisify } from 'node:util';

const readAsync = promisify(read);
const CHUNK = 1 << 20;
const NEWLINE = 0x0a;

/**
 * Calls `onLine(text, offset, length)` for each line of a file, with its byte offset and length (`\n`
 * excluded), one chunk at a time, so a 200 MB twin is never held whole; the offsets let a search read one
 * message back with a single positioned read. A callback rather than an async iterator: no promise per line.
 * A small file is read with direct calls; a big one through the thread pool, so the event loop turns
 * between chunks. Return false from `onLine` to stop.
 */
export async function eachLocatedLine(
  path: string,
  onLine: (text: string, offset: number, length: number) => boolean | undefined,
  /** Called after each chunk's lines; a promise it returns is awaited before the next read (back-pressure). */
  pause?: () => Promise<void> | undefined,
): Promise<void> {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(size, 1)));
    let pending: Buffer[] = [];
    let pendingStart = 0;
    let position = 0;
    for (;;) {
      const bytesRead =
        size <= CHUNK
          ? readSync(fd, buffer, 0, buffer.length, position)
          : (await readAsync(fd, buffer, 0, buffer.length, position)).bytesRead;
      if (bytesRead === 0) break;
      let start = 0;
      for (;;) {
        const nl = buffer.indexOf(NEWLINE, start);
        if (nl === -1 || nl >= bytesRead) break;
        let go: boolean | undefined = true;
        if (pending.length > 0) {
          pending.push(buffer.subarray(start, nl));
          const whole = Buffer.concat(pending);
          pending = [];
          go = onLine(whole.toString('utf8'), pendingStart, whole.length);
        } else if (nl > start) {
          go = onLine(buffer.toString('utf8', start, nl), position + start, nl - start);
        }
        if (go === false) return;
        start = nl + 1;
      }
      if (start < bytesRead) {
        if (pending.length === 0) pendingStart = position + start;
        pending.push(Buffer.from(buffer.subarray(start, bytesRead)));
      }
      position += bytesRead;
      const waiting = pause?.();
      if (waiting) await waiting;
    }
    if (pending.length > 0) {
      const whole = Buffer.concat(pending);
      onLine(whole.toString('utf8'), pendingStart, whole.length);
    }
  } finally {
    closeSync(fd);
  }
}

/** The bytes `offset`…`offset + length` of a file, or undefined when the file is shorter or gone. */
export function readRange(path: string, offset: number, length: number): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const buffer = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const n = readSync(fd, buffer, got, length - got, offset + got);
      if (n === 0) return undefined;
      got += n;
    }
    return buffer;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
