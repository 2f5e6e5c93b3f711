import { randomBytes } from 'node:crypto';
import { link, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { ConvxError } from '../errors.js';

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
  /** Unique to one acquisition: release deletes the lock only while it still holds this token. */
  token: string;
}

/** Lock files this process holds, so its own pid in a lock is told apart from a dead run that had it. */
const heldHere = new Set<string>();
/** A lock file that cannot be read is someone's, being written or damaged; taken over only when this old. */
const UNREADABLE_STALE_MS = 60_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the output's lock file. It appears complete in one step (written to a temp file, then hard-linked
 * to the lock name, which fails if it exists), so another run never sees it half-written. A lock whose
 * process is gone on this host is stale and taken over; a live one is waited for up to `timeoutMs`.
 */
export async function acquireLock(path: string, timeoutMs: number): Promise<() => Promise<void>> {
  const deadline = Date.now() + timeoutMs;
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  const temp = `${path}.${info.token}`;
  // Exclusive: a link planted at the name fails the write instead of leading it elsewhere.
  await writeFile(temp, JSON.stringify(info), { flag: 'wx' });
  try {
    for (;;) {
      try {
        await link(temp, path);
        heldHere.add(path);
        return () => release(path, info.token);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = await readLock(path);
      if (await isStale(path, holder, info.host)) {
        await rm(path, { force: true });
        continue;
      }
      if (Date.now() >= deadline) {
        const who = holder ? `pid ${holder.pid} on ${holder.host}, started ${holder.startedAt}` : 'unknown';
        throw new ConvxError(
          'OUTPUT_LOCKED',
          `Another convx run (${who}) is writing to this output; wait for it to finish, or delete ${path} if that run is gone.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await rm(temp, { force: true });
  }
}

async function isStale(path: string, holder: LockInfo | undefined, host: string): Promise<boolean> {
  if (!holder) {
    const info = await stat(path).catch(() => undefined);
    return !info || Date.now() - info.mtimeMs > UNREADABLE_STALE_MS;
  }
  if (holder.host !== host) return false;
  // Our own pid: a run of this very process still holds it, or a dead run's pid was reused by us.
  if (holder.pid === process.pid) return !heldHere.has(path);
  return !isAlive(holder.pid);
}

async function release(path: string, token: string): Promise<void> {
  heldHere.delete(path);
  const holder = await readLock(path);
  if (holder?.token === token) await rm(path, { force: true });
}

async function readLock(path: string): Promise<LockInfo | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<LockInfo>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') {
      return {
        pid: parsed.pid,
        host: parsed.host,
        startedAt: String(parsed.startedAt ?? 'unknown'),
        token: String(parsed.token ?? ''),
      };
    }
  } catch {
    // Unreadable: see isStale.
  }
  return undefined;
}
