import { availableParallelism } from 'node:os';

// Worker threads pay off only when there is enough to do: each costs a start-up (loading every package).
const MIN_SESSIONS = 64;
const MAX_DEFAULT_THREADS = 3;

/**
 * The worker threads for a run: `--jobs N` exactly (0: none), else one per CPU besides the main thread's
 * (which prepares sessions too; at most three) once enough sessions changed.
 */
export function workerThreads(
  jobs: number | undefined,
): { threads: number; minSessions: number } | undefined {
  const threads = jobs ?? Math.min(MAX_DEFAULT_THREADS, availableParallelism() - 1);
  if (threads < 1) return undefined;
  return { threads, minSessions: jobs === undefined ? MIN_SESSIONS : 1 };
}
