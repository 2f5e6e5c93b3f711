import { execFile } from 'node:child_process';
import { close, fsync, open } from 'node:fs';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const openAsync = promisify(open);
const fsyncAsync = promisify(fsync);
const closeAsync = promisify(close);
const FSYNC_AT_ONCE = 16;

/**
 * Makes the files written since the last barrier durable, all at once, before the index records them.
 * Transcripts are written to a temp file and renamed into place without an fsync each (that wait was a
 * fifth of a cold run); the index is the commit point, and it is only saved after `flush()`. A crash in
 * between can leave a renamed file empty, but the saved index does not count it as exported yet, so the
 * next run writes it again: the output still converges.
 *
 * On Linux one `sync -f` (syncfs) flushes the output's filesystem; elsewhere, or when that fails, each
 * file is fsynced, many at a time.
 */
export class DurabilityBarrier {
  private pending: string[] = [];
  private syncfsWorks: boolean;

  constructor(
    private readonly root: string,
    platform: NodeJS.Platform = process.platform,
  ) {
    this.syncfsWorks = platform === 'linux';
  }

  /** Remembers a file written (and renamed into place) without an fsync. */
  add(path: string): void {
    this.pending.push(path);
  }

  get size(): number {
    return this.pending.length;
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const paths = this.pending;
    this.pending = [];
    if (this.syncfsWorks) {
      try {
        await execFileAsync('sync', ['-f', this.root]);
        return;
      } catch {
        this.syncfsWorks = false; // no GNU sync here: fsync file by file from now on
      }
    }
    await fsyncEach(paths);
  }
}

async function fsyncEach(paths: string[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++] as string;
      let fd: number;
      try {
        fd = await openAsync(path, 'r');
      } catch (error) {
        // Replaced or removed since it was written (a later session took the path): nothing to keep.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      try {
        await fsyncAsync(fd);
      } finally {
        await closeAsync(fd);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(FSYNC_AT_ONCE, paths.length) }, worker));
}
