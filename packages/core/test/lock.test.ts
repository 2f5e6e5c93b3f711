import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock } from '../src/store/lock.js';
import { processStartTime, thisProcess } from '../src/store/process-identity.js';

/** A pid no process has (above Linux's largest pid_max). */
const DEAD_PID = 2 ** 22 + 12345;
const host = hostname();

async function lockDir() {
  const dir = await mkdtemp(join(tmpdir(), 'convx-lock-'));
  return { dir, lock: join(dir, 'lock') };
}

const lockText = (fields: Record<string, unknown>) =>
  JSON.stringify({ host, startedAt: 'then', token: 'a1a1a1a1a1a1a1a1', ...fields });

/** Starts `count` acquisitions at once; each that gets the lock holds it a moment, then releases it. */
async function contend(lock: string, count: number) {
  let inside = 0;
  let overlapped = false;
  const outcomes = await Promise.allSettled(
    Array.from({ length: count }, async () => {
      const release = await acquireLock(lock, 0);
      inside++;
      if (inside > 1) overlapped = true;
      await new Promise((resolve) => setTimeout(resolve, 30));
      inside--;
      await release();
    }),
  );
  return { won: outcomes.filter((o) => o.status === 'fulfilled').length, overlapped, outcomes };
}

describe('the output lock', () => {
  it('lets exactly one of many runs take over a stale lock at once', async () => {
    for (let trial = 0; trial < 25; trial++) {
      const { dir, lock } = await lockDir();
      await writeFile(lock, lockText({ pid: DEAD_PID, token: `dead${String(trial).padStart(12, '0')}` }));
      const { won, overlapped, outcomes } = await contend(lock, 6);
      expect(overlapped, `trial ${trial}: two runs held the lock at once`).toBe(false);
      expect(won, `trial ${trial}`).toBe(1);
      for (const o of outcomes) {
        if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: 'OUTPUT_LOCKED' });
      }
      // Nothing is left behind: no lock, no temp files, no takeover claims.
      expect(await readdir(dir)).toEqual([]);
    }
  });

  it('takes over a lock whose pid now belongs to another process: an earlier boot, or another start time', async () => {
    const live = process.ppid; // a live process that is not a convx run
    const me = await thisProcess();
    const variants: Record<string, unknown>[] = [{ bootId: 'an-earlier-boot' }, { startTime: '1' }];
    if (!me.bootId && !(await processStartTime(live))) variants.length = 0; // no way to tell on this platform
    for (const fields of variants) {
      const { dir, lock } = await lockDir();
      await writeFile(lock, lockText({ pid: live, ...(me.bootId ? { bootId: me.bootId } : {}), ...fields }));
      const release = await acquireLock(lock, 0);
      expect(JSON.parse(await readFile(lock, 'utf8'))).toMatchObject({ pid: process.pid });
      await release();
      expect(await readdir(dir)).toEqual([]);
    }
  });

  it('waits for a live holder it can identify, and for a lock written by another machine', async () => {
    const live = process.ppid;
    const startTime = await processStartTime(live);
    const me = await thisProcess();
    const holders = [
      { pid: live, ...(me.bootId ? { bootId: me.bootId } : {}), ...(startTime ? { startTime } : {}) },
      { pid: DEAD_PID, host: 'another-machine' },
    ];
    for (const fields of holders) {
      const { lock } = await lockDir();
      await writeFile(lock, lockText(fields));
      await expect(acquireLock(lock, 0)).rejects.toMatchObject({
        code: 'OUTPUT_LOCKED',
        message: expect.stringContaining(`pid ${fields.pid}`),
      });
    }
  });

  it('is not held up by a takeover claim left by a run that died in the middle of it', async () => {
    const { dir, lock } = await lockDir();
    await writeFile(lock, lockText({ pid: DEAD_PID, token: 'b2b2b2b2b2b2b2b2' }));
    // A run died holding the claim on that lock; another died holding the claim on that claim.
    await writeFile(
      `${lock}.takeover-b2b2b2b2b2b2b2b2`,
      lockText({ pid: DEAD_PID, token: 'c3c3c3c3c3c3c3c3' }),
    );
    await writeFile(
      `${lock}.takeover-c3c3c3c3c3c3c3c3`,
      lockText({ pid: DEAD_PID, token: 'd4d4d4d4d4d4d4d4' }),
    );
    // And one died while writing its temp file.
    await writeFile(`${lock}.e5e5e5e5e5e5e5e5`, lockText({ pid: DEAD_PID, token: 'e5e5e5e5e5e5e5e5' }));
    const release = await acquireLock(lock, 0);
    expect(await readdir(dir)).toEqual(['lock']);
    await release();
    expect(await readdir(dir)).toEqual([]);
  });

  it('waits for a live run that is taking the stale lock over, then names the run that got it', async () => {
    const { lock } = await lockDir();
    await writeFile(lock, lockText({ pid: DEAD_PID, token: 'f6f6f6f6f6f6f6f6' }));
    const live = process.ppid;
    const startTime = await processStartTime(live);
    const claimant = lockText({ pid: live, token: 'a7a7a7a7a7a7a7a7', ...(startTime ? { startTime } : {}) });
    await writeFile(`${lock}.takeover-f6f6f6f6f6f6f6f6`, claimant);
    const started = Date.now();
    await expect(acquireLock(lock, 0)).rejects.toMatchObject({
      code: 'OUTPUT_LOCKED',
      message: expect.stringContaining(`pid ${live}`),
    });
    // It gave the takeover its moment instead of failing at once, but did not hang.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(Date.now() - started).toBeLessThan(10_000);
    await expect(readFile(lock, 'utf8')).resolves.toContain('f6f6f6f6f6f6f6f6');
  });
});
