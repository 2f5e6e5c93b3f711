import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Streaming SHA-256 of one file's bytes; a missing file hashes as `missing`. */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }))
      hash.update(chunk as Buffer);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  return hash.digest('hex');
}

/** Combines per-file hashes, in order, into one content hash (the same whichever way each was computed). */
export function combineFileHashes(entries: Array<[path: string, hash: string]>): string {
  return sha256(entries.map(([path, hash]) => `${path}\u0000${hash}`).join('\n'));
}

/** Content hash of several files, in order: the SHA-256 of each, combined. */
export async function hashFiles(paths: string[]): Promise<string> {
  const entries: Array<[string, string]> = [];
  for (const path of paths) entries.push([path, await hashFile(path)]);
  return combineFileHashes(entries);
}
