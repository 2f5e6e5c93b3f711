import { existsSync } from 'node:fs';
import type { SyncReport } from '@convx/core';
import type { CliIO } from '../io.js';
import { colorsFor } from '../output/colors.js';

/**
 * After a backup or sync: brings the output's search index up to date for exactly the files the run wrote
 * or removed. An output without an index is left without one (`convx search` builds it on first use), a dry
 * run touches nothing, and a failure is a warning: the backup itself succeeded.
 */
export async function updateSearchAfterRun(
  report: SyncReport,
  where: { outputRoot: string; historySubpath: string },
  io: CliIO,
  flags: { json?: boolean; quiet?: boolean; verbose?: boolean; noColor?: boolean },
): Promise<void> {
  if (report.dryRun) return;
  const changed = [...report.written, ...report.removed];
  if (changed.length === 0) return;
  // Loaded only when there is something to index: a run that wrote nothing (a pre-commit hook's sync, most
  // of the time) starts without SQLite and the search package.
  const { indexPath, openIndex } = await import('@convx/search');
  if (!existsSync(indexPath(where.outputRoot))) return;
  const warn = (message: string) => {
    if ((flags.quiet || flags.json) && !flags.verbose) return;
    io.stderr.write(`${colorsFor(io.stderr, io.env, flags.noColor).yellow(`warning: ${message}`)}\n`);
  };
  try {
    const index = await openIndex(where.outputRoot, { addHistoryDirs: [where.historySubpath] });
    try {
      const result = await index.update({ changed });
      if (result.failed.length > 0) {
        warn(
          `${result.failed.length} session(s) not searchable, e.g. ${result.failed[0]?.path}: ${result.failed[0]?.message}`,
        );
      }
    } finally {
      index.close();
    }
  } catch (error) {
    warn(
      `the search index was not updated (${error instanceof Error ? error.message : String(error)}); convx search brings it up to date.`,
    );
  }
}
