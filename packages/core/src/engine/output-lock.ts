import { statePath } from '../index-store/store.js';
import { acquireLock } from './lock.js';

/**
 * Takes an output's lock — the one every run holds — for work on the output after a run, such as committing
 * and pushing what it wrote, so no run writes meanwhile. Resolves to the function that releases it.
 */
export function lockOutput(outputRoot: string, timeoutMs = 0): Promise<() => Promise<void>> {
  return acquireLock(statePath(outputRoot, 'lock'), timeoutMs);
}
