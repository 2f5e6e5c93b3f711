import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export type Chunks = string | Iterable<string>;

/** Result of an atomic write: whether the target's bytes actually changed. */
export type WriteOutcome = 'written' | 'unchanged';

/**
 * Writes `content` to `target` atomically: into a temp file (in `tmpDir`, on the same filesystem), fsync,
 * then rename over the target. A reader or a crash sees the old file or the new one, never half of one.
 * When the new bytes equal the existing file, the temp file is dropped and the target keeps its mtime.
 */
export async function writeFileAtomic(
  target: string,
  content: Chunks,
  tmpDir: string,
): Promise<WriteOutcome> {
  const temp = join(tmpDir, `${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'w');
  let size = 0;
  try {
    const pieces = typeof content === 'string' ? [content] : content;
    let buffered: string[] = [];
    let bufferedLength = 0;
    for (const piece of pieces) {
      buffered.push(piece);
      bufferedLength += piece.length;
      if (bufferedLength >= 1 << 20) {
        size += await writeAll(handle, buffered.join(''));
        buffered = [];
        bufferedLength = 0;
      }
    }
    if (buffered.length) size += await writeAll(handle, buffered.join(''));
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    if (await sameBytes(temp, target, size)) {
      await rm(temp, { force: true });
      return 'unchanged';
    }
    await mkdir(dirname(target), { recursive: true });
    await rename(temp, target);
    return 'written';
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

async function writeAll(handle: import('node:fs/promises').FileHandle, text: string): Promise<number> {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
  return bytes.length;
}

async function sameBytes(a: string, b: string, aSize: number): Promise<boolean> {
  const bStat = await stat(b).catch(() => undefined);
  if (!bStat || bStat.size !== aSize) return false;
  const ia = createReadStream(a, { highWaterMark: 1 << 20 })[Symbol.asyncIterator]();
  const ib = createReadStream(b, { highWaterMark: 1 << 20 })[Symbol.asyncIterator]();
  let bufA: Buffer = Buffer.alloc(0);
  let bufB: Buffer = Buffer.alloc(0);
  try {
    for (;;) {
      if (bufA.length === 0) {
        const r = await ia.next();
        bufA = r.done ? Buffer.alloc(0) : (r.value as Buffer);
      }
      if (bufB.length === 0) {
        const r = await ib.next();
        bufB = r.done ? Buffer.alloc(0) : (r.value as Buffer);
      }
      if (bufA.length === 0 || bufB.length === 0) return bufA.length === bufB.length;
      const n = Math.min(bufA.length, bufB.length);
      if (!bufA.subarray(0, n).equals(bufB.subarray(0, n))) return false;
      bufA = bufA.subarray(n);
      bufB = bufB.subarray(n);
    }
  } finally {
    await ia.return?.();
    await ib.return?.();
  }
}
