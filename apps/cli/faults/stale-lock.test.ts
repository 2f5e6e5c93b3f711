import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, cliEnv, gitInit } from '../test/support/cli.js';
import { cliPath } from '../test/support/paths.js';

// Several real `convx backup` processes start together over a lock left behind by a run that is gone. Each
// trial asserts that exactly one of them was inside the lock at any moment: a probe adapter, loaded with
// --adapter, marks its discovery (which runs under the lock) with a folder only one process can create.

const TRIALS = 20;
const RUNS = 4;
/** A trial whose runs take longer than this has hung. */
const TRIAL_LIMIT_MS = 30_000;
const DEAD_PID = 2 ** 22 + 4242;

/**
 * The probe: loaded before the run takes the lock, it waits until every process of the trial has loaded it
 * (so they all reach the lock at once), then marks its turn inside the lock.
 */
const PROBE = `
import { appendFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const dir = process.env.PROBE_DIR;
writeFileSync(join(dir, 'ready-' + process.pid), '');
const giveUp = Date.now() + 20000;
while (readdirSync(dir).filter((n) => n.startsWith('ready-')).length < Number(process.env.PROBE_RUNS)) {
  if (Date.now() > giveUp) break;
  await new Promise((resolve) => setTimeout(resolve, 1));
}
export default {
  name: 'probe',
  defaultLocations: ({ home }) => [home],
  async *discover() {
    try {
      mkdirSync(join(dir, 'inside'));
    } catch {
      writeFileSync(join(dir, 'overlap-' + process.pid), '');
    }
    appendFileSync(join(dir, 'ran'), process.pid + '\\n');
    await new Promise((resolve) => setTimeout(resolve, 150));
    rmSync(join(dir, 'inside'), { recursive: true, force: true });
  },
  async load() {
    throw new Error('the probe has no sessions');
  },
};
`;

let root: string;
let probe: string;
let home: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'convx-stale-lock-'));
  probe = join(root, 'probe.mjs');
  home = join(root, 'home');
  await mkdir(home);
  await writeFile(probe, PROBE);
});
afterAll(() => rm(root, { recursive: true, force: true }));

function run(out: string, env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const args = ['backup', '--output-path', out, '--home', home, '--source-system', 'probe'];
    const child = spawn(process.execPath, [cliPath, ...args, '--adapter', probe, '--jobs', '0', '--quiet'], {
      env: cliEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), TRIAL_LIMIT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** The stale locks a trial starts from, in turn: a dead pid, and live pids that are no convx run any more. */
async function staleLock(trial: number): Promise<Record<string, unknown>> {
  const base = {
    host: hostname(),
    startedAt: '2026-01-01T00:00:00.000Z',
    token: `0ld${String(trial).padStart(13, '0')}`,
  };
  switch (trial % 3) {
    case 0:
      return { ...base, pid: DEAD_PID };
    case 1:
      // The pid of a live process, written before a reboot.
      return { ...base, pid: process.pid, bootId: 'a-boot-long-gone' };
    default:
      // The pid of a live process that started after the run that wrote the lock.
      return { ...base, pid: process.pid, startTime: '1' };
  }
}

describe('runs started together over a stale lock', () => {
  it(`let exactly one in at a time, in each of ${TRIALS} trials of ${RUNS} processes`, async () => {
    if (process.platform !== 'linux' && process.platform !== 'darwin') return;
    for (let trial = 0; trial < TRIALS; trial++) {
      const dir = join(root, `trial-${trial}`);
      const out = join(dir, 'out');
      const marks = join(dir, 'marks');
      await gitInit(out);
      await mkdir(join(out, '.convx/state'), { recursive: true });
      await mkdir(marks);
      await writeFile(join(out, '.convx/state/lock'), JSON.stringify(await staleLock(trial)));

      const env = { PROBE_DIR: marks, PROBE_RUNS: String(RUNS) };
      const started = Date.now();
      const results = await Promise.all(Array.from({ length: RUNS }, () => run(out, env)));
      const took = Date.now() - started;

      const context = `trial ${trial}: ${JSON.stringify(results.map((r) => [r.code, r.stderr.trim()]))}`;
      const marked = await readdir(marks);
      expect(
        marked.filter((name) => name.startsWith('ready-')),
        context,
      ).toHaveLength(RUNS);
      expect(
        marked.filter((name) => name.startsWith('overlap-')),
        context,
      ).toEqual([]);
      const ran = (await readFile(join(marks, 'ran'), 'utf8').catch(() => '')).split('\n').filter(Boolean);
      expect(ran.length, context).toBeGreaterThanOrEqual(1);
      // Each run either ran (exit 0) or was told another run holds the lock (exit 3); none hung or crashed.
      expect(results.filter((r) => r.code === 0).length, context).toBe(ran.length);
      for (const r of results.filter((r) => r.code !== 0)) {
        expect(r.code, context).toBe(3);
        expect(r.stderr, context).toContain('Another convx run');
      }
      expect(took, context).toBeLessThan(TRIAL_LIMIT_MS);
      // The last run out released the lock and nothing of the takeover is left.
      expect(await readdir(join(out, '.convx/state')), context).not.toContain('lock');
      expect(
        (await readdir(join(out, '.convx/state'))).filter((n) => n.startsWith('lock')),
        context,
      ).toEqual([]);
    }
  });
});
