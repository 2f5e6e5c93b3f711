import type { Adapter, Renderer, SyncReport } from '@convx/core';
import { runSync } from '@convx/core';
import { EXIT } from '../errors.js';
import type { CliIO } from '../io.js';
import { type BackupFlags, resolveBackupSettings } from '../options/backup-options.js';
import { booleanFlag, listFlag, stringFlag } from '../options/flag-values.js';
import { colorsFor } from '../output/colors.js';
import { createLogger } from '../output/logger.js';
import { createProgress } from '../output/progress.js';
import { formatFailures, formatSummary } from '../output/summary.js';
import { defaultRenderer } from '../renderer.js';
import { builtinSources } from '../sources.js';
import type { CommandSpec } from './types.js';

export interface OutputFlags {
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  noColor?: boolean;
}

export interface BackupDeps {
  registry: Readonly<Record<string, Adapter>>;
  renderer: Renderer;
}

/** Exit code for a finished run: failures are listed and make it 1. */
export function exitCodeForReport(report: SyncReport): number {
  return report.failures.length > 0 || report.totals.failed > 0 ? EXIT.failures : EXIT.ok;
}

/**
 * `convx backup`: validates the flags, runs the sync engine with a progress bar (stderr, TTY only) and
 * prints the summary (or the report as JSON). Throws ConvxError for usage problems and a locked output.
 */
export async function runBackup(
  flags: BackupFlags & OutputFlags,
  io: CliIO,
  deps: BackupDeps = { registry: builtinSources, renderer: defaultRenderer },
): Promise<{ report: SyncReport; exitCode: number }> {
  const json = flags.json === true;
  const quiet = flags.quiet === true && !json;
  const verbose = flags.verbose === true;
  const settings = await resolveBackupSettings(flags, io, deps.registry);
  const errColors = colorsFor(io.stderr, io.env, flags.noColor);
  const showProgress = io.stderr.isTTY === true && !quiet && !json;
  const progress = showProgress ? createProgress(io.stderr, errColors) : undefined;
  const log = createLogger({
    stream: io.stderr,
    colors: errColors,
    verbose,
    quiet: quiet || json,
    ...(progress ? { print: progress.print } : {}),
  });
  log.debug(
    `output ${settings.outputRoot} (${settings.historySubpath}), home ${settings.home}, user ${settings.user}, system ${settings.systemName}, sources ${settings.adapters.map((a) => a.name).join(', ')}`,
  );

  let report: SyncReport;
  try {
    report = await runSync({
      ...settings,
      renderer: deps.renderer,
      log,
      ...(progress ? { onProgress: progress.onProgress } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
    });
  } finally {
    progress?.stop();
  }

  const exitCode = exitCodeForReport(report);
  if (json) {
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else if (quiet) {
    // Quiet still names what failed (cron mails stderr), and nothing else.
    const lines = formatFailures(report, errColors);
    if (lines.length > 0) io.stderr.write(`${lines.join('\n')}\n`);
  } else {
    io.stdout.write(
      formatSummary(report, {
        outputRoot: settings.outputRoot,
        historySubpath: settings.historySubpath,
        verbose,
        colors: colorsFor(io.stdout, io.env, flags.noColor),
      }),
    );
  }
  return { report, exitCode };
}

export const backupCommand: CommandSpec = {
  name: 'backup',
  description: 'Export every AI coding session as Markdown + JSON into a git repository',
  define(command) {
    command
      .option('--output-path <dir>', 'The git repository to write into (required)')
      .option('--init', 'Create the output folder and run git init in it when needed')
      .option(
        '--source-system <names>',
        `all, or a comma-separated list of: ${Object.keys(builtinSources).join(', ')} (default: all)`,
      )
      .option('--input-path <path>', 'Read [source=]PATH instead of the default locations; repeatable', {
        type: [String],
      })
      .option('--home <dir>', 'Read every default location relative to DIR (ignores CODEX_HOME etc.)')
      .option('--user <name>', 'User folder name in the output (default: your login name)')
      .option('--system-name <name>', 'Machine folder name in the output (default: the short host name)')
      .option('--history-subpath <path>', 'Folder inside the output for the transcripts (default: history)')
      .option('--dry-run', 'Show what would be written, write nothing')
      .option('--force', 'Re-render every session, even unchanged ones')
      .option('--json', 'Print the run report as JSON on stdout (and nothing else)')
      .option('--quiet', 'Print nothing but failures and errors')
      .example((bin) => `  $ ${bin} backup --output-path ~/ai-history --init`)
      .example(
        (bin) =>
          `  $ ${bin} backup --output-path ~/ai-history --source-system codex --input-path ~/old-codex`,
      );
  },
  async run(flags, io) {
    const { exitCode } = await runBackup(
      {
        outputPath: stringFlag(flags, 'outputPath'),
        sourceSystem: stringFlag(flags, 'sourceSystem'),
        home: stringFlag(flags, 'home'),
        user: stringFlag(flags, 'user'),
        systemName: stringFlag(flags, 'systemName'),
        historySubpath: stringFlag(flags, 'historySubpath'),
        inputPath: listFlag(flags, 'inputPath'),
        init: booleanFlag(flags, 'init'),
        dryRun: booleanFlag(flags, 'dryRun'),
        force: booleanFlag(flags, 'force'),
        json: booleanFlag(flags, 'json'),
        quiet: booleanFlag(flags, 'quiet'),
        verbose: booleanFlag(flags, 'verbose'),
        noColor: booleanFlag(flags, 'noColor'),
      },
      io,
    );
    return exitCode;
  },
};
