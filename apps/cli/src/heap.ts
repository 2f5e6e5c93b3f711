// The heap tuning of `convx backup`, in one place so it can go as one piece: the CLI restarts itself with a
// fixed semi-space and a lower heap growth, and one malloc arena (`tuneHeap`, called once from cli.ts).
import { accessSync, constants } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

/**
 * The V8 setting convx runs backups with. Node sizes the main thread's young generation for the machine's
 * memory (up to 64 MB per semi-space on a large machine) and only a command-line flag changes it: on the
 * 12,000-session benchmark a backup without it peaked at 381 MB instead of 265 MB (worker threads' young
 * generations bounded through `resourceLimits` in both; docs/performance.md). The one V8 flag kept.
 */
export const HEAP_FLAG = '--max-semi-space-size=8';

/**
 * How much the old generation may grow past what the last full collection kept before the next one: V8
 * allows up to 4× on a large machine, which on a backup is 150 MB of garbage that only a collection at the
 * end would find. 1.5× keeps the peak near 200 MB for no measurable time. A V8 setting read at each
 * collection, so it can be set once the process runs.
 */
export const GROWTH_FLAG = '--heap-growing-percent=50';

/**
 * glibc's malloc gives each thread that allocates an arena of its own (the worker threads, libuv's pool,
 * V8's helper threads), and each keeps what was freed in it: one arena measured ~5–9 MB less peak memory on
 * the benchmark, no slower (V8's heaps do not use malloc). Set for the restarted process unless the user set
 * it; other C libraries ignore it.
 */
export const MALLOC_ARENAS = { name: 'MALLOC_ARENA_MAX', value: '1' } as const;

/** The environment the restarted process runs with. */
export function relaunchEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return env[MALLOC_ARENAS.name] === undefined ? { ...env, [MALLOC_ARENAS.name]: MALLOC_ARENAS.value } : env;
}

// Not `sync`: a pre-commit hook runs it on every commit, where a second start-up costs more than the memory
// it would save on exporting one project's sessions.
const HEAVY_COMMANDS = new Set(['backup']);

/** The command a convx command line runs (`backup`), or undefined. */
function commandOf(argv: readonly string[]): string | undefined {
  return argv.slice(2).find((arg) => !arg.startsWith('-'));
}

/** Whether this command line runs a backup (the only command worth restarting for). */
export function isHeavyCommand(argv: readonly string[]): boolean {
  const command = commandOf(argv);
  return command !== undefined && HEAVY_COMMANDS.has(command);
}

/**
 * Whether this process should restart itself with {@link HEAP_FLAG}: only for a backup, only where Node can replace the process in place (`process.execve`, Node ≥ 22.15, not on
 * Windows), and never when the flag (or a debugger) is already set or `CONVX_NO_RELAUNCH=1`.
 */
export function shouldRelaunch(
  argv: readonly string[],
  execArgv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
  canExec: boolean,
): boolean {
  if (!canExec || platform === 'win32' || env.CONVX_NO_RELAUNCH === '1') return false;
  if (!isHeavyCommand(argv)) return false;
  const set = [...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)];
  return !set.some((arg) => /^--(max-semi-space-size|inspect|inspect-brk|debug)\b/.test(arg));
}

/**
 * Replaces this process (same pid, same terminal, same environment plus {@link MALLOC_ARENAS}) with one
 * running the same command under {@link HEAP_FLAG}. Returns only when that is not possible or not wanted;
 * the caller then runs in-process.
 */
export function relaunchWithHeapFlag(): void {
  const execve = (process as { execve?: (file: string, args: string[], env: NodeJS.ProcessEnv) => never })
    .execve;
  if (!shouldRelaunch(process.argv, process.execArgv, process.env, process.platform, Boolean(execve))) return;
  try {
    // Node before 25 aborts the process when execve(2) fails instead of throwing: rule out the failures
    // that can be checked (a Node binary replaced or removed by an upgrade while running).
    accessSync(process.execPath, constants.X_OK);
    execve?.(
      process.execPath,
      [process.execPath, ...process.execArgv, HEAP_FLAG, ...process.argv.slice(1)],
      relaunchEnv(process.env),
    );
  } catch {
    // Could not restart: run as we are, only slower.
  }
}

/** Lets the old generation grow by {@link GROWTH_FLAG} between full collections, for a backup. */
export function limitHeapGrowth(): void {
  if (isHeavyCommand(process.argv)) setFlagsFromString(GROWTH_FLAG);
}

/** Restarts with the heap settings backups run best with (or returns when it cannot), then limits growth. */
export function tuneHeap(): void {
  relaunchWithHeapFlag();
  limitHeapGrowth();
}
