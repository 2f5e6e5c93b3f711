/**
 * Byte buffers reused by one run (one set on the main thread, one in each worker thread): the chunks source
 * files are read into and the buffer text is encoded into before it is written. A fresh megabyte per file
 * would be memory the garbage collector frees only late, and Node's own temporary buffers for writing a
 * string leave the C allocator holding tens of megabytes. A buffer is taken, used, then given back; two users
 * at once simply hold two buffers.
 */
export class ScratchBuffers {
  private readonly spare = new Map<number, Buffer[]>();

  /** A buffer of exactly `size` bytes (contents undefined): a spare one, else a new one. */
  take(size: number): Buffer {
    return this.spare.get(size)?.pop() ?? Buffer.allocUnsafeSlow(size);
  }

  /** Hands a buffer back for the next `take` of its size. */
  give(buffer: Buffer): void {
    const list = this.spare.get(buffer.length);
    if (list) list.push(buffer);
    else this.spare.set(buffer.length, [buffer]);
  }
}
