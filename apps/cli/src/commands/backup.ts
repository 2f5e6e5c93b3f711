import { describeError, lockOutput, type SyncReport } from '@convx/core';
import { CONFIG_FILE } from '../config/index.js';
import type { CliIO } from '../io.js';
import { declareFlags } from '../options/declare.js';
import { configuredOutput } from '../options/read-output.js';
import { readFlags } from '../options/values.js';
import { updateSearchAfterRun } from '../search/after-run.js';
import { type CommitResult, commitRun } from './commit-run.js';
import { executeRun, exitCodeForReport, printRun } from './execute-run.js';
import { initializedNote, uncommittedNote } from './next-step.js';
import { builtinDeps, prepareBackupRun, type RunDeps } from './prepare-run.js';
import type { RunFlags } from './run-flags.js';
import type { CommandSpec } from './types.js';

export { exitCodeForReport } from './execute-run.js';
export type { OutputFlags } from './run-flags.js';

/** The built-in adapters and renderer (in-process tests pass their own). */
export type BackupDeps = RunDeps;

/**
 * `convx backup`: reads the output's config, loads plugins, runs the sync engine and prints the summary (or
 * the report as JSON); with `--commit` / `--push` (or `[backup] commit/push`) it then commits convx's own
 * files and pushes. Throws ConvxError for usage problems and a locked output.
 */
export async function runBackup(
  flags: RunFlags,
  io: CliIO,
  deps: BackupDeps = builtinDeps,
): Promise<{ report: SyncReport; exitCode: number; commit?: CommitResult }> {
  if (flags.outputPath === undefined) {
    // Without --output-path, the configured backup output (the same one search, stats and explore read).
    const configured = await configuredOutput(io);
    if (configured) flags = { ...flags, outputPath: configured.root };
  }
  const run = await prepareBackupRun(flags, io, deps);
  const { settings } = run;
  const human = !flags.json && !flags.quiet;
  if (settings.initialized && human)
    io.stdout.write(`${initializedNote(settings.outputRoot, settings.initialized)}\n`);
  const { options } = run;
  const report = await executeRun(
    options,
    io,
    flags,
    `output ${settings.outputRoot} (${settings.historySubpath}), home ${settings.home}, user ${settings.user}, system ${settings.systemName}, sources ${options.adapters.map((a) => a.name).join(', ')}, config ${run.loaded.exists ? run.loaded.path : 'none'}`,
  );
  await updateSearchAfterRun(report, settings, io, flags);
  const paths = [settings.historySubpath, CONFIG_FILE, '.convx/.gitignore'];
  let commit: CommitResult | undefined;
  let stopped: unknown;
  if (run.commit && !report.dryRun) {
    try {
      commit = await whileLocked(settings.outputRoot, () =>
        commitRun({
          outputRoot: settings.outputRoot,
          paths,
          historySubpath: settings.historySubpath,
          systemName: settings.systemName,
          push: run.push,
        }),
      );
    } catch (error) {
      stopped = error;
    }
  }
  // Without a commit, the summary says how to make one (git status costs a moment: the human summary only).
  const next =
    !run.commit && !report.dryRun && human ? await uncommittedNote(settings.outputRoot, paths) : undefined;
  // The run's summary comes first, whatever happened to its commit or push.
  const git = commit?.json ?? (stopped ? { error: describeError(stopped) } : undefined);
  printRun(report, io, flags, settings, {
    notes: [...(commit?.notes ?? []), ...(next ? [next] : [])],
    json: {
      ...(git ? { git } : {}),
      ...(settings.initialized ? { initialized: settings.outputRoot } : {}),
    },
  });
  if (stopped) throw stopped;
  if (commit?.error) throw commit.error;
  return { report, exitCode: exitCodeForReport(report), ...(commit ? { commit } : {}) };
}

/** Waits this long for a run that took the output's lock meanwhile before committing. */
const COMMIT_LOCK_WAIT_MS = 60_000;

/** Commits and pushes under the output's lock, so no run writes while the branch is rebased and moved. */
async function whileLocked<T>(outputRoot: string, work: () => Promise<T>): Promise<T> {
  const release = await lockOutput(outputRoot, COMMIT_LOCK_WAIT_MS);
  try {
    return await work();
  } finally {
    await release();
  }
}

export const backupCommand: CommandSpec = {
  name: 'backup',
  description: 'Export every AI coding session as Markdown + JSON into a git repository',
  define(command) {
    declareFlags(command, 'backup');
    command
      .example((bin) => `  $ ${bin} backup --output-path ~/ai-history --init`)
      .example((bin) => `  $ ${bin} backup --output-path ~/ai-history --commit --push    # hourly, from cron`)
      .example(
        (bin) =>
          `  $ ${bin} backup --output-path ~/ai-history --source-system codex --input-path ~/old-codex`,
      );
  },
  async run(flags, io) {
    const { exitCode } = await runBackup(
      {
        ...readFlags(flags, 'backup', io),
        ...(flags.verbose === true ? { verbose: true } : {}),
        ...(flags.noColor === true ? { noColor: true } : {}),
      },
      io,
    );
    return exitCode;
  },
};
