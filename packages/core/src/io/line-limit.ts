import { basename } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { ConvxError } from '../errors.js';

const MB = 1024 * 1024;

/** The longest line of a session file a run exports by default (`SyncOptions.maxLineBytes`). */
export const DEFAULT_MAX_LINE_BYTES = 256 * MB;

/**
 * Heap bytes that one byte of a line may cost while its session is exported: the decoded line, the parsed
 * value, redaction, the rendered Markdown and the twin. Measured at ~7 on an 80 MB Codex prompt; 10 keeps a
 * margin, so a line this thread accepts never runs its heap out.
 */
const HEAP_PER_LINE_BYTE = 10;

/** The longest line this thread's heap can export (a worker thread's small heap allows a few megabytes). */
export function heapLineBudget(): number {
  return Math.floor(getHeapStatistics().heap_size_limit / HEAP_PER_LINE_BYTE);
}

/** `104857600` → `100 MB` (binary megabytes, as `--max-line-mb` counts them). */
export function formatMb(bytes: number): string {
  const mb = bytes / MB;
  return `${mb >= 10 ? Math.round(mb) : Number(mb.toFixed(1))} MB`;
}

/**
 * A line too long for this worker thread's heap, though within the run's limit: the session is prepared
 * again on the main thread. Never reported; a worker thread that tried would risk aborting the process
 * (V8 cannot always stop a thread gracefully on one huge allocation).
 */
export class OutgrewThreadError extends Error {
  override readonly name = 'OutgrewThreadError';
}

/**
 * How a session's reads treat a line (or a JSON value, or a file read whole) over the limit: `exceeded`
 * throws, and remembers, the error. `fail` does the same for another reason a read must fail the session
 * (a value nested too deep), so an adapter that catches read errors cannot turn it into a partial export.
 */
export interface LineLimit {
  readonly bytes: number;
  /** `place`: a line number, what the value is (`item 3`), or undefined for a file read whole. */
  exceeded(path: string, place: number | string | undefined, bytes: number): never;
  fail(error: Error): never;
}

/**
 * The line limit of one session's load. The first line over it fails the session — or, in a worker thread
 * whose heap is the reason, sends it to the main thread. The breach is remembered, so an adapter that
 * catches read errors (one unreadable file of several) cannot turn it into a partial export: the engine
 * rethrows it after the load.
 */
export class SessionLineLimit implements LineLimit {
  readonly bytes: number;
  breach: Error | undefined;
  private readonly budget: number;

  /** `path`: the session's own file, which the failure already names (other files are named in the message). */
  constructor(
    private readonly path: string,
    private readonly configured: number = DEFAULT_MAX_LINE_BYTES,
    /** A worker thread's load: a line its heap cannot take goes back to the main thread, not failed. */
    private readonly handBack = false,
  ) {
    this.budget = heapLineBudget();
    this.bytes = Math.min(configured, this.budget);
  }

  exceeded(path: string, place: number | string | undefined, bytes: number): never {
    const file = path === this.path ? '' : ` of ${basename(path)}`;
    const what =
      place === undefined
        ? `the file${file} (read whole)`
        : typeof place === 'number'
          ? `line ${place}${file}`
          : `${place}${file}`;
    const unit = typeof place === 'string' ? 'JSON value' : 'line';
    if (bytes > this.configured) {
      this.breach ??= new ConvxError(
        'LINE_TOO_LONG',
        `${what} is ${formatMb(bytes)}, over the limit of ${formatMb(this.configured)} for one ${unit}`,
      );
    } else if (this.handBack) {
      this.breach ??= new OutgrewThreadError(`${what} is ${formatMb(bytes)}: too long for a worker thread`);
    } else {
      const heap = formatMb(getHeapStatistics().heap_size_limit);
      this.breach ??= new ConvxError(
        'LINE_TOO_LONG',
        `${what} is ${formatMb(bytes)}, over the limit of ${formatMb(this.budget)} that this process's ${heap} of memory allows`,
      );
    }
    throw this.breach;
  }

  fail(error: Error): never {
    this.breach ??= error;
    throw this.breach;
  }

  /** Rethrows the first breach, whatever the adapter did with it. */
  check(): void {
    if (this.breach) throw this.breach;
  }
}
