import { open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { ConvxError } from '../errors.js';

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the output's lock file (created exclusively). A lock left by a dead process on this host is stale
 * and taken over; a live one is waited for up to `timeoutMs`, then reported in one sentence.
 */
export async function acquireLock(path: string, timeoutMs: number): Promise<() => Promise<void>> {
  const deadline = Date.now() + timeoutMs;
  const info: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(JSON.stringify(info));
      await handle.close();
      return async () => {
        await rm(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readLock(path);
    if (!holder || (holder.host === info.host && !isAlive(holder.pid))) {
      await rm(path, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new ConvxError(
        'OUTPUT_LOCKED',
        `Another convx run (pid ${holder.pid} on ${holder.host}, started ${holder.startedAt}) is writing to this output; wait for it to finish, or delete ${path} if that run is gone.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function readLock(path: string): Promise<LockInfo | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<LockInfo>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') {
      return { pid: parsed.pid, host: parsed.host, startedAt: String(parsed.startedAt ?? 'unknown') };
    }
  } catch {
    // A half-written or unreadable lock is treated as stale.
  }
  return undefined;
}
