import { writeSync } from 'node:fs';

// Strings are encoded into one reused buffer, a slice at a time: writing a string directly makes Node
// allocate a temporary native buffer of up to 3× its length per call, and after many such calls the C
// allocator holds tens of megabytes it never returns.
const SLICE_CHARS = 64 * 1024;
const scratch = Buffer.allocUnsafeSlow(SLICE_CHARS * 3);

/** Writes a string at the file's position and returns its size in bytes. */
export function writeText(fd: number, text: string): number {
  let size = 0;
  for (let from = 0; from < text.length; ) {
    let to = Math.min(text.length, from + SLICE_CHARS);
    // Never cut between the two halves of a surrogate pair: each half alone would encode as U+FFFD.
    const code = text.charCodeAt(to - 1);
    if (to < text.length && code >= 0xd800 && code <= 0xdbff) to--;
    const length = scratch.write(text.slice(from, to), 0, 'utf8');
    let offset = 0;
    while (offset < length) offset += writeSync(fd, scratch, offset, length - offset);
    size += length;
    from = to;
  }
  return size;
}
