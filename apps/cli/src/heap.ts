// The heap limits of `convx backup`, set at run time in one place (`tuneHeap`, called once from cli.ts): no
// restart, no command-line flag, the same on every platform.
import { setFlagsFromString } from 'node:v8';

/**
 * Keeps the young generation at its start size (semi-spaces of 1 MB). V8 doubles it (up to semi-spaces of 64 MB on a large machine,
 * ~120 MB of the main thread's memory) whenever more has survived its collections since it last grew than it
 * holds. A backup's main thread always gets there, whether or not it prepares sessions: the modules it
 * loads, then the refs and index entries of every session are long-lived, and all of it passes through the
 * young generation once (measured: a main thread that only planned and committed while two worker threads
 * prepared still grew to 64 MB semi-spaces, 387 MB peak). Only a command-line flag sets the maximum; the
 * growth factor is read at each growth, so it can be set once the process runs. It applies to the worker
 * threads too (their `resourceLimits` bound only the maximum): no slower on the benchmark, cold or with its
 * 200 MB session alone (docs/performance.md).
 */
export const YOUNG_GROWTH_FLAG = '--semi-space-growth-factor=1';

/**
 * How much the old generation may grow past what the last full collection kept before the next one: V8
 * allows up to 4× on a large machine, which on a backup is 150 MB of garbage that only a collection at the
 * end would find. 1.5× keeps the peak near 200 MB for no measurable time. Read at each collection.
 */
export const GROWTH_FLAG = '--heap-growing-percent=50';

// Not `sync`: a pre-commit hook runs it on every commit and exports one project's sessions.
const HEAVY_COMMANDS = new Set(['backup']);

/** The command a convx command line runs (`backup`), or undefined. */
function commandOf(argv: readonly string[]): string | undefined {
  return argv.slice(2).find((arg) => !arg.startsWith('-'));
}

/** Whether this command line runs a backup (the only command whose heap is tuned). */
export function isHeavyCommand(argv: readonly string[]): boolean {
  const command = commandOf(argv);
  return command !== undefined && HEAVY_COMMANDS.has(command);
}

/** Bounds the young generation's growth and the old generation's, for a backup. */
export function tuneHeap(argv: readonly string[] = process.argv): void {
  if (!isHeavyCommand(argv)) return;
  setFlagsFromString(YOUNG_GROWTH_FLAG);
  setFlagsFromString(GROWTH_FLAG);
}
