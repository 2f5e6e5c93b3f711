import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { WorkerPlan } from '@convx/core';
import type { CliIO } from '../io.js';
import type { BackupRunFlags, SyncRunFlags } from './prepare-run.js';

/** What a worker thread rebuilds its run from (see worker-options.ts). */
export type WorkerData =
  | { command: 'backup'; flags: BackupRunFlags; cwd: string; env: Record<string, string | undefined> }
  | { command: 'sync'; flags: SyncRunFlags; cwd: string; env: Record<string, string | undefined> };

// Worker threads pay off only when there is enough to do: each costs a start-up (loading every package).
const MIN_SESSIONS = 64;
const MAX_DEFAULT_THREADS = 3;

/**
 * The worker threads for a run: `--jobs N` exactly (0: none), else one per CPU besides the main thread's
 * (which prepares sessions too; at most three) once enough sessions changed. None when the built worker
 * module is missing (the CLI run from its sources).
 */
export function workerPlan(
  command: WorkerData['command'],
  flags: BackupRunFlags | SyncRunFlags,
  jobs: number | undefined,
  io: Pick<CliIO, 'cwd' | 'env'>,
): WorkerPlan | undefined {
  const threads = jobs ?? Math.min(MAX_DEFAULT_THREADS, availableParallelism() - 1);
  const module = workerModule();
  if (threads < 1 || !module) return undefined;
  // Only what decides the options crosses over; `--init` has already happened.
  const { init: _init, commit: _commit, push: _push, ...rest } = flags as BackupRunFlags & { init?: boolean };
  const data: WorkerData = { command, flags: rest, cwd: io.cwd, env: { ...io.env } } as WorkerData;
  return { threads, minSessions: jobs === undefined ? MIN_SESSIONS : 1, module, data };
}

function workerModule(): string | undefined {
  for (const candidate of ['./worker-options.js', '../worker-options.js']) {
    const url = new URL(candidate, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url.href;
  }
  return undefined;
}
