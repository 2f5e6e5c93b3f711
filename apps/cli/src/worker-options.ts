// Imported by the sync engine's worker threads (`WorkerPlan.module`): rebuilds the run's adapters, renderer,
// layout, filter and privacy rules from the same flags the main thread prepared its run from.
import type { WorkerRunOptions } from '@convx/core';
import { prepareBackupRun, prepareSyncRun } from './commands/prepare-run.js';
import type { WorkerData } from './commands/worker-plan.js';
import type { CliIO } from './io.js';

const silent = { write: () => true };

export async function createRunOptions(data: WorkerData): Promise<WorkerRunOptions> {
  // Messages (a redaction warning) were already printed by the main thread.
  const io: CliIO = {
    stdout: silent,
    stderr: silent,
    env: data.env,
    cwd: data.cwd,
    platform: process.platform,
  };
  const run =
    data.command === 'backup' ? await prepareBackupRun(data.flags, io) : await prepareSyncRun(data.flags, io);
  return run.options;
}
