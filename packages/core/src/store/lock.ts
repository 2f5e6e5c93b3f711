import { randomBytes } from 'node:crypto';
import { link, lstat, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ConvxError } from '../errors.js';
import { isRunning, type ProcessIdentity, thisProcess } from './process-identity.js';

interface LockInfo extends ProcessIdentity {
  startedAt: string;
  /** Unique to one acquisition: it names the lock in takeovers, and release deletes only its own. */
  token: string;
}

/** A lock (or takeover claim) file as found: what it says, and the identity that names it in a takeover. */
interface Holder {
  info?: LockInfo;
  /** The token, or for a file that cannot be read its inode and mtime. */
  identity: string;
  mtimeMs: number;
}

/** Tokens of this process's acquisitions (waiting or held): its own pid in a lock is told apart by them. */
const liveTokens = new Set<string>();
/** A lock file that cannot be read is someone's, being written or damaged; taken over only when this old. */
const UNREADABLE_STALE_MS = 60_000;
/** A takeover in progress takes milliseconds; a run that lost one waits at least this long for the winner. */
const TAKEOVER_GRACE_MS = 2000;
/** Claims on claims, each left by a run that died in the middle of a takeover: more is a damaged folder. */
const MAX_TAKEOVER_DEPTH = 8;

/**
 * Takes the output's lock file. It appears complete in one step (written to a temp file, then hard-linked
 * to the lock name, which fails if it exists), so another run never sees it half-written. A live holder is
 * waited for up to `timeoutMs`. A lock whose process is gone on this host — dead, from an earlier boot, or
 * its pid now used by another process — is stale and taken over through {@link takeOver}, so of several
 * runs finding it at once exactly one gets the lock.
 */
export async function acquireLock(path: string, timeoutMs: number): Promise<() => Promise<void>> {
  const started = Date.now();
  const me = await thisProcess();
  const info: LockInfo = {
    ...me,
    startedAt: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  const temp = `${path}.${info.token}`;
  liveTokens.add(info.token);
  try {
    // Exclusive: a link planted at the name fails the write instead of leading it elsewhere.
    await writeFile(temp, JSON.stringify(info), { flag: 'wx' });
  } catch (error) {
    liveTokens.delete(info.token);
    throw error;
  }
  let held = false;
  try {
    for (;;) {
      if (await tryLink(temp, path)) {
        held = true;
        await sweepLeftovers(path, temp);
        return () => release(path, info.token);
      }
      const holder = await readHolder(path);
      if (!holder) continue; // released in between: try again at once
      let deadline = started + timeoutMs;
      let waitingFor = holder;
      if (await isStale(holder)) {
        const outcome = await takeOver(path, holder, temp);
        if (outcome === 'retry') continue;
        // Another run is taking it over: give it the moment that needs, then report whoever holds the lock.
        waitingFor = outcome;
        deadline = Math.max(deadline, started + TAKEOVER_GRACE_MS);
      }
      if (Date.now() >= deadline) throw lockedError(path, waitingFor.info);
      await new Promise((resolve) => setTimeout(resolve, waitingFor === holder ? 200 : 20));
    }
  } finally {
    await rm(temp, { force: true });
    if (!held) liveTokens.delete(info.token);
  }
}

/**
 * Removes the stale file at `target` — the lock, or a claim left by a run that died while taking over —
 * if it still is the one judged stale (`stale.identity`). Of any number of runs calling this at once,
 * only the one that creates the claim file `<lock>.takeover-<identity>` (hard-linked from its temp file,
 * which fails if it exists) may remove it: it then checks `target` still holds that identity, removes it,
 * and removes its claim. Nothing else ever removes a file naming another run's token while that run lives,
 * so between the check and the removal `target` cannot change; a run that judged the same file stale later
 * finds either its claim taken or `target` replaced, and removes nothing. A claim whose own maker died is
 * cleared the same way, one level up.
 *
 * Returns 'retry' when the lock should be tried again at once (`target` removed here or already replaced,
 * or a dead claimant's claim cleared), else the live claimant to wait for.
 */
async function takeOver(
  target: string,
  stale: Holder,
  temp: string,
  lockPath = target,
  depth = 0,
): Promise<'retry' | Holder> {
  const claim = `${lockPath}.takeover-${stale.identity}`;
  if (!(await tryLink(temp, claim))) {
    const claimant = await readHolder(claim);
    if (!claimant) return 'retry';
    if (depth < MAX_TAKEOVER_DEPTH && (await isStale(claimant))) {
      await takeOver(claim, claimant, temp, lockPath, depth + 1);
      return 'retry';
    }
    return claimant;
  }
  try {
    const current = await readHolder(target);
    if (current?.identity === stale.identity) await rm(target, { force: true });
    return 'retry';
  } finally {
    await rm(claim, { force: true });
  }
}

async function isStale(holder: Holder): Promise<boolean> {
  const { info } = holder;
  if (!info) return Date.now() - holder.mtimeMs > UNREADABLE_STALE_MS;
  const me = await thisProcess();
  if (info.host !== me.host) return false; // another machine's process: nothing here can tell
  const same = (a?: string, b?: string) => !a || !b || a === b;
  if (info.pid === me.pid && same(info.bootId, me.bootId) && same(info.startTime, me.startTime)) {
    // This very process: a run still waiting or holding it, or one that ended without cleaning up.
    return !liveTokens.has(info.token);
  }
  return !(await isRunning(info));
}

/** Removes what runs killed while acquiring left beside the lock: their temp files and takeover claims. */
async function sweepLeftovers(path: string, temp: string): Promise<void> {
  const prefix = `${basename(path)}.`;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const file = join(dirname(path), name);
    if (file === temp) continue;
    const holder = await readHolder(file);
    if (!holder || !(await isStale(holder))) continue;
    if (name.startsWith(`${prefix}takeover-`)) await takeOver(file, holder, temp, path);
    else if (/^[0-9a-f]{16}$/.test(name.slice(prefix.length))) await rm(file, { force: true });
  }
}

async function release(path: string, token: string): Promise<void> {
  const holder = await readHolder(path);
  if (holder?.info?.token === token) await rm(path, { force: true });
  liveTokens.delete(token);
}

async function tryLink(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** The lock or claim file at `path`, or undefined when there is none. */
async function readHolder(path: string): Promise<Holder | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    text = '';
  }
  const info = parseLock(text);
  if (info?.token) return { info, identity: info.token, mtimeMs: 0 };
  const s = await lstat(path).catch(() => undefined);
  if (!s) return undefined;
  return {
    ...(info ? { info } : {}),
    identity: `i${s.dev}-${s.ino}-${Math.trunc(s.mtimeMs)}`,
    mtimeMs: s.mtimeMs,
  };
}

function parseLock(text: string): LockInfo | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<Record<keyof LockInfo, unknown>>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return undefined;
    const optional = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
    const bootId = optional(parsed.bootId);
    const startTime = optional(parsed.startTime);
    return {
      pid: parsed.pid,
      host: parsed.host,
      startedAt: optional(parsed.startedAt) ?? 'unknown',
      token: /^[0-9a-f]+$/.test(String(parsed.token)) ? String(parsed.token) : '',
      ...(bootId ? { bootId } : {}),
      ...(startTime ? { startTime } : {}),
    };
  } catch {
    return undefined; // unreadable: see isStale
  }
}

function lockedError(path: string, holder: LockInfo | undefined): ConvxError {
  const who = holder ? `pid ${holder.pid} on ${holder.host}, started ${holder.startedAt}` : 'unknown';
  return new ConvxError(
    'OUTPUT_LOCKED',
    `Another convx run (${who}) is writing to this output; wait for it to finish, or delete ${path} if that run is gone.`,
  );
}
