import type { JsonlLine } from '../contract/context.js';

const NEWLINE = 0x0a;
const CR = 0x0d;
const NO_BYTES = Buffer.alloc(0);

export interface HeadCheck {
  /** How many leading bytes of a line `keep` sees. */
  bytes: number;
  /** False drops the line without decoding or holding the rest of it. */
  keep: (head: string) => boolean;
}

/**
 * Splits a byte stream into lines, one chunk at a time. A line split across chunks is kept as copies of its
 * pieces, except when it is already known to be dropped: over `maxLineBytes` (reported at its end, with its
 * length, having been counted, not held), or rejected by the head check after its first bytes (a
 * multi-gigabyte progress record costs no memory). Empty lines are skipped; a trailing `\r` is stripped;
 * line numbers are 1-based and count every line.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes of an oversized line already passed over. */
  private skippedBytes = 0;
  private mode: 'collect' | 'drop' | 'oversized' = 'collect';
  private headChecked = false;
  private lineNo = 0;
  /** The chunk `next()` reads, and where its next line starts. */
  private chunk: Buffer = NO_BYTES;
  private start = 0;

  constructor(
    private readonly maxLineBytes: number,
    /** Called at the end of a line over `maxLineBytes`, with its length in bytes; may throw. */
    private readonly onOversized: (line: number, bytes: number) => void,
    private readonly head?: HeadCheck,
  ) {}

  /** Makes `chunk` the one `next()` reads from; the tail of the previous chunk must have been reached. */
  load(chunk: Buffer): void {
    this.chunk = chunk;
    this.start = 0;
  }

  /**
   * The next line of the loaded chunk, or undefined once it is used up (its unfinished last line is then
   * kept for the next chunk). A cursor rather than a generator: readers call it once per line, in hot loops.
   */
  next(): JsonlLine | undefined {
    const chunk = this.chunk;
    for (;;) {
      const nl = chunk.indexOf(NEWLINE, this.start);
      if (nl === -1) {
        if (this.start < chunk.length) this.keepPartial(chunk, this.start);
        this.chunk = NO_BYTES;
        this.start = 0;
        return undefined;
      }
      const line = this.finishLine(chunk, this.start, nl);
      this.start = nl + 1;
      if (line) return line;
    }
  }

  /** The last line, when the input does not end with a newline; call after the last chunk is used up. */
  last(): JsonlLine | undefined {
    if (this.mode === 'collect' && this.pendingBytes === 0) return undefined;
    return this.finishLine(NO_BYTES, 0, 0);
  }

  /** The lines of `chunk`, for readers that are not in a hot loop. */
  *feed(chunk: Buffer): Generator<JsonlLine> {
    this.load(chunk);
    for (let line = this.next(); line; line = this.next()) yield line;
  }

  /** The last line, when the input does not end with a newline. */
  *end(): Generator<JsonlLine> {
    const line = this.last();
    if (line) yield line;
  }

  private finishLine(chunk: Buffer, start: number, end: number): JsonlLine | undefined {
    this.lineNo++;
    const mode = this.mode;
    const headChecked = this.headChecked;
    this.mode = 'collect';
    this.headChecked = false;
    if (mode === 'drop') return this.clear();
    const pendingBytes = this.pendingBytes;
    // The head decides before the length does. The last piece of an oversized line is not a head: that
    // line's head was checked while it was pending.
    if (this.head && mode === 'collect') {
      if (pendingBytes === 0) {
        const length = end - start;
        if (length <= this.head.bytes && length <= this.maxLineBytes && chunk[end - 1] !== CR) {
          // The whole line is its head: decoded once, for the check and as the line.
          if (length === 0) return undefined;
          const text = chunk.toString('utf8', start, end);
          return this.head.keep(text) ? { line: this.lineNo, text } : undefined;
        }
        if (!this.keepHead(chunk, start, end)) return undefined;
      } else if (!headChecked) {
        // A line split across chunks with too few bytes for the head check while it was pending.
        const rest = chunk.subarray(
          start,
          Math.min(end, start + Math.max(0, this.head.bytes - pendingBytes)),
        );
        if (!this.keepHead(Buffer.concat([...this.pending, rest]), 0, pendingBytes + rest.length)) {
          return this.clear();
        }
      }
    }
    if (mode === 'oversized' || pendingBytes + (end - start) > this.maxLineBytes) {
      const bytes = this.skippedBytes + pendingBytes + (end - start);
      this.skippedBytes = 0;
      this.clear();
      this.onOversized(this.lineNo, bytes);
      return undefined;
    }
    let buf = chunk;
    let from = start;
    let to = end;
    if (pendingBytes > 0) {
      this.pending.push(chunk.subarray(start, end));
      buf = Buffer.concat(this.pending, pendingBytes + (end - start));
      from = 0;
      to = buf.length;
      this.clear();
    }
    if (to > from && buf[to - 1] === CR) to--;
    if (to <= from) return undefined;
    return { line: this.lineNo, text: buf.toString('utf8', from, to) };
  }

  private keepHead(buf: Buffer, from: number, to: number): boolean {
    if (!this.head || to <= from) return true;
    return this.head.keep(buf.toString('utf8', from, Math.min(to, from + this.head.bytes)));
  }

  private keepPartial(chunk: Buffer, start: number): void {
    if (this.mode === 'oversized') this.skippedBytes += chunk.length - start;
    if (this.mode !== 'collect') return;
    // Copy: the stream may reuse its buffers, and a subarray would pin the whole chunk.
    this.pending.push(Buffer.from(chunk.subarray(start)));
    this.pendingBytes += chunk.length - start;
    // The head decides first: a line the filter drops is not "oversized", whatever its length.
    if (this.head && !this.headChecked && this.pendingBytes >= this.head.bytes) {
      this.headChecked = true;
      const first = Buffer.concat(this.pending, this.pendingBytes).toString('utf8', 0, this.head.bytes);
      if (!this.head.keep(first)) {
        this.clear();
        this.mode = 'drop';
        return;
      }
    }
    if (this.pendingBytes > this.maxLineBytes) {
      this.skippedBytes = this.pendingBytes;
      this.clear();
      this.mode = 'oversized';
    }
  }

  private clear(): undefined {
    this.pending = [];
    this.pendingBytes = 0;
    return undefined;
  }
}
