import { mkdir } from 'node:fs/promises';
import { statePath } from './index-file.js';
import { acquireLock } from './lock.js';
import { refuseLinksInConvx } from './output.js';

/**
 * Takes an output's lock (`.convx/state/lock`) — the one every run holds — for work on the output outside a
 * run, such as committing and pushing what a run wrote or `convx scan --fix` renaming and rewriting files,
 * so no run writes meanwhile; waits up to `timeoutMs` for a run holding it. A link at `.convx` or inside it
 * is refused, never followed. Resolves to the function that releases it.
 */
export async function lockOutput(outputRoot: string, timeoutMs = 0): Promise<() => Promise<void>> {
  await refuseLinksInConvx(outputRoot);
  await mkdir(statePath(outputRoot), { recursive: true });
  return acquireLock(statePath(outputRoot, 'lock'), timeoutMs);
}
