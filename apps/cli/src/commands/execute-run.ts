import type { SyncReport } from '@convx/core';
import { runSync } from '@convx/core';
import { EXIT } from '../errors.js';
import type { CliIO } from '../io.js';
import { colorsFor } from '../output/colors.js';
import { writeJson } from '../output/json.js';
import { createLogger } from '../output/logger.js';
import { failureLines, type OtherProject } from '../output/problems.js';
import { createProgress } from '../output/progress.js';
import { formatSummary } from '../output/summary.js';
import type { RunOptions } from './prepare-run.js';
import type { OutputFlags } from './run-flags.js';

/**
 * Exit code for a finished run: failures are listed and make it 1 — except those `otherProject` says cannot
 * concern the output (sync: other projects' sessions), which are only warnings.
 */
export function exitCodeForReport(report: SyncReport, otherProject?: OtherProject): number {
  const own = otherProject ? report.failures.filter((f) => !otherProject(f)) : report.failures;
  return own.length > 0 ? EXIT.failures : EXIT.ok;
}

/**
 * Runs the sync engine with a progress bar (stderr, TTY only, never with --quiet or --json) and the log on
 * stderr. `describe` is the --verbose line saying what the run is about.
 */
export async function executeRun(
  options: RunOptions,
  io: CliIO,
  flags: OutputFlags,
  describe: string,
): Promise<SyncReport> {
  const json = flags.json === true;
  const quiet = flags.quiet === true && !json;
  const errColors = colorsFor(io.stderr, io.env, flags.noColor);
  const showProgress = io.stderr.isTTY === true && !quiet && !json;
  const progress = showProgress ? createProgress(io.stderr, errColors) : undefined;
  const log = createLogger({
    stream: io.stderr,
    colors: errColors,
    verbose: flags.verbose === true,
    quiet: quiet || json,
    ...(progress ? { print: progress.print } : {}),
  });
  log.debug(describe);
  try {
    return await runSync({
      ...options,
      log,
      ...(progress ? { onProgress: progress.onProgress } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
    });
  } finally {
    progress?.stop();
  }
}

export interface PrintExtras {
  /** Lines after the summary (a commit, a push). */
  notes?: string[];
  /** Keys added to the JSON report. */
  json?: Record<string, unknown>;
  /** Failures that cannot concern the output, shown apart as warnings. */
  otherProject?: OtherProject;
}

/** Prints the run's outcome: the summary, only failures (--quiet), or the report as JSON (--json). */
export function printRun(
  report: SyncReport,
  io: CliIO,
  flags: OutputFlags,
  where: { outputRoot: string; historySubpath: string },
  extras: PrintExtras = {},
): void {
  if (flags.json) {
    writeJson(io.stdout, { ...report, ...extras.json });
  } else if (flags.quiet) {
    // Quiet still names what failed (cron mails stderr), and nothing else.
    const lines = failureLines(report, colorsFor(io.stderr, io.env, flags.noColor), extras.otherProject);
    if (lines.length > 0) io.stderr.write(`${lines.join('\n')}\n`);
  } else {
    const colors = colorsFor(io.stdout, io.env, flags.noColor);
    const otherProject = extras.otherProject ? { otherProject: extras.otherProject } : {};
    io.stdout.write(
      formatSummary(report, { ...where, verbose: flags.verbose === true, colors, ...otherProject }),
    );
    for (const note of extras.notes ?? []) io.stdout.write(`${note}\n`);
  }
}
