import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/**
 * Who a lock holder is, precisely enough to tell it from a later process that got the same pid: a pid alone
 * is reused (after a reboot the pid of a dead run often belongs to some other live process).
 */
export interface ProcessIdentity {
  pid: number;
  host: string;
  /** Linux: `/proc/sys/kernel/random/boot_id`, new at every boot. */
  bootId?: string;
  /** When the process started (Linux: clock ticks since boot from `/proc/<pid>/stat`; macOS: `ps -o lstart=`). */
  startTime?: string;
}

let own: Promise<ProcessIdentity> | undefined;

/** This process's identity (constant for its lifetime, so worked out once). */
export function thisProcess(): Promise<ProcessIdentity> {
  own ??= (async () => {
    const [bootId, startTime] = await Promise.all([currentBootId(), processStartTime(process.pid)]);
    return {
      pid: process.pid,
      host: hostname(),
      ...(bootId ? { bootId } : {}),
      ...(startTime ? { startTime } : {}),
    };
  })();
  return own;
}

/**
 * Whether the process a lock names still runs. Only answerable on the same host (the caller checks). A
 * different boot id means every process of that boot is gone; a live pid with another start time is a
 * different process that reuses the number. Identities written by older versions (no boot id, no start
 * time) fall back to whether the pid exists.
 */
export async function isRunning(holder: ProcessIdentity): Promise<boolean> {
  if (holder.bootId) {
    const boot = await currentBootId();
    if (boot && boot !== holder.bootId) return false;
  }
  if (!pidExists(holder.pid)) return false;
  if (holder.startTime) {
    const started = await processStartTime(holder.pid);
    if (started && started !== holder.startTime) return false;
  }
  return true;
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function currentBootId(): Promise<string | undefined> {
  if (process.platform !== 'linux') return undefined;
  try {
    return (await readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** A process's start time as an opaque string, or undefined where the platform cannot say. */
export async function processStartTime(pid: number): Promise<string | undefined> {
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  try {
    if (process.platform === 'linux') {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so count fields after the last `)`.
      // starttime is field 22, the 20th after the closing parenthesis.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return fields[19] || undefined;
    }
    if (process.platform === 'darwin' || process.platform === 'freebsd') {
      const { stdout } = await exec('ps', ['-o', 'lstart=', '-p', String(pid)], { timeout: 2000 });
      return stdout.trim() || undefined;
    }
  } catch {
    // Gone, or no /proc and no ps: the pid check alone decides.
  }
  return undefined;
}
