import { usageError } from '../errors.js';
import type { CliIO } from '../io.js';
import type { FlagValue } from '../options/argv.js';
import { WEB_ONLY } from '../options/explore-table.js';
import { openExploreIndex } from './index-open.js';

/**
 * Checks `--tui` before anything is opened: it runs only in an interactive terminal (both ends: keys come
 * in on stdin, the screen goes out on stdout), and the web-only flags are refused rather than ignored.
 */
export function checkTuiFlags(flags: Record<string, FlagValue>, io: CliIO): void {
  for (const name of WEB_ONLY) {
    if (flags[name] !== undefined) {
      throw usageError(
        `--${name} is for the web explorer and cannot be used with --tui; leave one of them out.`,
      );
    }
  }
  if (io.stdout.isTTY !== true || process.stdin.isTTY !== true) {
    throw usageError(
      'convx explore --tui needs an interactive terminal: run it without redirecting its input or output (or use convx explore for the web explorer).',
    );
  }
}

/** Brings the index up to date, then runs the terminal explorer until `q`; the index is closed either way. */
export async function exploreInTerminal(root: string, io: CliIO): Promise<void> {
  // Loaded here, not at the top: Ink and React cost every other command nothing.
  const { runTui } = await import('@convx/explore-tui');
  const index = await openExploreIndex(root, io);
  try {
    await runTui({ index, env: io.env });
  } finally {
    index.close();
  }
}
