import { writeSync } from 'node:fs';
import { ScratchBuffers } from './scratch-buffers.js';

// Strings are encoded into a reused buffer, a slice at a time: writing a string directly makes Node
// allocate a temporary native buffer of up to 3× its length per call, and after many such calls the C
// allocator holds tens of megabytes it never returns.
const SLICE_CHARS = 64 * 1024;
const SCRATCH_BYTES = SLICE_CHARS * 3;

/**
 * Writes a string at the file's position and returns its size in bytes, encoded through a buffer of
 * `buffers` (the run's; without it, a buffer of its own).
 */
export function writeText(fd: number, text: string, buffers = new ScratchBuffers()): number {
  const scratch = buffers.take(SCRATCH_BYTES);
  try {
    return writeThrough(fd, text, scratch);
  } finally {
    buffers.give(scratch);
  }
}

function writeThrough(fd: number, text: string, scratch: Buffer): number {
  let size = 0;
  for (let from = 0; from < text.length; ) {
    let to = Math.min(text.length, from + SLICE_CHARS);
    // Never cut between the two halves of a surrogate pair: each half alone would encode as U+FFFD.
    const code = text.charCodeAt(to - 1);
    if (to < text.length && code >= 0xd800 && code <= 0xdbff) to--;
    size += writeBytes(fd, scratch, scratch.write(text.slice(from, to), 0, 'utf8'));
    from = to;
  }
  return size;
}

/** Writes the first `length` bytes of the buffer at the file's position; returns `length`. */
function writeBytes(fd: number, buffer: Buffer, length: number): number {
  let offset = 0;
  while (offset < length) offset += writeSync(fd, buffer, offset, length - offset);
  return length;
}

/**
 * Writes a file from many small strings: each is encoded straight into a buffer taken from `buffers`, which
 * goes to the file whenever it fills. No joined copy of the file is ever made (for a first backup that was
 * ~500 MB of short-lived strings). The buffer goes back at `end` or `abandon`.
 */
export class TextWriter {
  private used = 0;
  private size = 0;
  /** A high surrogate that ended the last piece, waiting for its other half. */
  private carry = '';
  private scratch: Buffer | undefined;

  constructor(
    private readonly fd: number,
    private readonly buffers = new ScratchBuffers(),
  ) {
    this.scratch = buffers.take(SCRATCH_BYTES);
  }

  /** Writes a piece of text, or bytes as they are (already UTF-8: a spilled twin body copied over). */
  write(piece: string | Uint8Array): void {
    if (typeof piece !== 'string') {
      this.endText();
      for (let offset = 0; offset < piece.length; )
        offset += writeSync(this.fd, piece, offset, piece.length - offset);
      this.size += piece.length;
      return;
    }
    let text = this.carry ? this.carry + piece : piece;
    this.carry = '';
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.carry = text.slice(-1);
      text = text.slice(0, -1);
    }
    const scratch = this.buffer();
    if (text.length * 3 > scratch.length - this.used) {
      this.flush();
      if (text.length * 3 > scratch.length) {
        this.size += writeThrough(this.fd, text, scratch);
        return;
      }
    }
    this.used += scratch.write(text, this.used, 'utf8');
  }

  /** Writes what is left and returns the file's size in bytes. */
  end(): number {
    try {
      this.endText();
      return this.size;
    } finally {
      this.abandon();
    }
  }

  /** Gives the buffer back without writing what is left (the caller is giving up on the file). */
  abandon(): void {
    if (this.scratch) this.buffers.give(this.scratch);
    this.scratch = undefined;
  }

  private buffer(): Buffer {
    if (!this.scratch) throw new Error('TextWriter: written to after it ended');
    return this.scratch;
  }

  /** Writes the text so far, a high surrogate still waiting for its other half included (none will come). */
  private endText(): void {
    if (this.carry) this.used += this.buffer().write(this.carry, this.used, 'utf8');
    this.carry = '';
    this.flush();
  }

  private flush(): void {
    this.size += writeBytes(this.fd, this.buffer(), this.used);
    this.used = 0;
  }
}
