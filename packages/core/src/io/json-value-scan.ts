const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** Whether a byte ends a number, `true`, `false` or `null` (JSON.parse then judges the scalar itself). */
function endsScalar(b: number | undefined): boolean {
  return (
    b === COMMA ||
    b === CLOSE_BRACKET ||
    b === CLOSE_BRACE ||
    b === 0x20 ||
    b === 0x0a ||
    b === 0x0d ||
    b === 0x09 ||
    b === QUOTE ||
    b === OPEN_BRACE ||
    b === OPEN_BRACKET ||
    b === COLON
  );
}

/**
 * Finds where one JSON value ends in a byte stream, chunk by chunk, and keeps its bytes when asked to. It
 * only tracks strings and brackets — validating the value is left to `JSON.parse` of its bytes — so it runs
 * at close to `indexOf` speed: inside a string (where big sessions keep their bulk: pasted files, tool
 * output) it jumps from quote to quote. A value held over `maxBytes` is counted, not kept.
 */
export class ValueScan {
  /** Open brackets inside the value. */
  private depth = 0;
  private inString = false;
  /** The previous chunk ended on an unpaired backslash inside a string. */
  private pendingBackslash = false;
  private scalar = false;
  private capture = false;
  /** Where the value's bytes start in the current chunk. */
  private start = 0;
  private pieces: Buffer[] = [];
  private bytes = 0;
  private oversized = false;

  constructor(
    private readonly maxBytes: number,
    private readonly maxDepth: number,
    /** Called once when the value nests deeper than `maxDepth`; must throw. */
    private readonly onTooDeep: () => never,
  ) {}

  /** Starts a value at `chunk[at]` (its first byte, not whitespace). */
  begin(chunk: Buffer, at: number, capture: boolean): void {
    const b = chunk[at];
    this.depth = 0;
    this.inString = false;
    this.pendingBackslash = false;
    this.scalar = !(b === QUOTE || b === OPEN_BRACE || b === OPEN_BRACKET);
    this.capture = capture;
    this.start = at;
    this.pieces = [];
    this.bytes = 0;
    this.oversized = false;
  }

  /**
   * Scans on from `chunk[from]`: the index just past the value's end, or -1 when the chunk ended first (its
   * bytes are then kept, when capturing, and the scan goes on with the next chunk from index 0).
   */
  scan(chunk: Buffer, from: number): number {
    const end = this.scalar ? this.scalarEnd(chunk, from) : this.containerEnd(chunk, from);
    if (end === -1) this.keep(chunk, chunk.length);
    return end;
  }

  /** The value's bytes as text once `scan` found its end, or undefined when they were over `maxBytes`. */
  text(chunk: Buffer, end: number): string | undefined {
    if (this.oversized || this.bytes + (end - this.start) > this.maxBytes) return undefined;
    if (this.pieces.length === 0) return chunk.toString('utf8', this.start, end);
    this.pieces.push(chunk.subarray(this.start, end));
    const text = Buffer.concat(this.pieces).toString('utf8');
    this.pieces = [];
    return text;
  }

  /** The value's length in bytes up to `end` of the current chunk. */
  length(end: number): number {
    return this.bytes + (end - this.start);
  }

  private keep(chunk: Buffer, end: number): void {
    this.bytes += end - this.start;
    if (this.capture && !this.oversized) {
      if (this.bytes > this.maxBytes) {
        this.oversized = true;
        this.pieces = [];
      } else {
        // A copy: the reader reuses its buffer for the next chunk.
        this.pieces.push(Buffer.from(chunk.subarray(this.start, end)));
      }
    }
    this.start = 0;
  }

  private scalarEnd(chunk: Buffer, from: number): number {
    for (let i = from; i < chunk.length; i++) if (endsScalar(chunk[i])) return i;
    return -1;
  }

  private containerEnd(chunk: Buffer, from: number): number {
    const n = chunk.length;
    let i = from;
    while (i < n) {
      if (this.inString) {
        const close = this.closingQuote(chunk, i);
        if (close === -1) return -1;
        this.inString = false;
        i = close + 1;
        if (this.depth === 0) return i;
        continue;
      }
      for (; i < n; i++) {
        const b = chunk[i];
        if (b === QUOTE) {
          this.inString = true;
          i++;
          break;
        }
        if (b === OPEN_BRACE || b === OPEN_BRACKET) {
          if (++this.depth > this.maxDepth && this.capture) this.onTooDeep();
        } else if ((b === CLOSE_BRACE || b === CLOSE_BRACKET) && --this.depth <= 0) {
          return i + 1;
        }
      }
    }
    return -1;
  }

  /** The index of the quote that closes the current string, or -1 when the chunk ends inside it. */
  private closingQuote(chunk: Buffer, from: number): number {
    let i = from;
    for (;;) {
      const quote = chunk.indexOf(QUOTE, i);
      const end = quote === -1 ? chunk.length : quote;
      let j = end - 1;
      while (j >= i && chunk[j] === BACKSLASH) j--;
      // Backslashes pair up from the first: an odd run escapes what follows it.
      let run = end - 1 - j;
      if (j < i && this.pendingBackslash) run++;
      this.pendingBackslash = false;
      if (quote === -1) {
        this.pendingBackslash = (run & 1) === 1;
        return -1;
      }
      if ((run & 1) === 0) return quote;
      i = quote + 1;
    }
  }
}
