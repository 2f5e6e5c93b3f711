import type { SyncReport } from '@convx/core';
import type { CliIO } from '../io.js';
import { declareFlags } from '../options/declare.js';
import type { SyncSettings } from '../options/sync-options.js';
import { readFlags } from '../options/values.js';
import type { OtherProject } from '../output/problems.js';
import { updateSearchAfterRun } from '../search/after-run.js';
import { selectionHint } from '../sync/selection-hint.js';
import { executeRun, exitCodeForReport, printRun } from './execute-run.js';
import { builtinDeps, prepareSyncRun, type RunDeps } from './prepare-run.js';
import type { RunFlags } from './run-flags.js';
import type { CommandSpec } from './types.js';

/**
 * `convx sync`: exports the sessions recorded in the current folder (and below, and in the repository's
 * other worktrees) into the repository root, flat under `.ai/history/<user>/<source>/`. It does not commit:
 * the pre-commit hook stages the folder with the user's own commit.
 */
export async function runSyncCommand(
  flags: RunFlags,
  io: CliIO,
  deps: RunDeps = builtinDeps,
): Promise<{ report: SyncReport; exitCode: number }> {
  const { settings, options, loaded } = await prepareSyncRun(flags, io, deps);
  const report = await executeRun(
    options,
    io,
    flags,
    `repository ${settings.outputRoot} (${settings.historySubpath}), sessions recorded in ${settings.folders.join(', ')}, home ${settings.home}, user ${settings.user}, sources ${options.adapters.map((a) => a.name).join(', ')}, config ${loaded.exists ? loaded.path : 'none'}`,
  );
  await updateSearchAfterRun(report, settings, io, flags);
  // Only the human summary explains the selection; it costs an index read, so not for --json or --quiet.
  const notes =
    flags.json || flags.quiet
      ? []
      : await selectionHint({
          report,
          cwd: io.cwd,
          root: settings.outputRoot,
          recursive: settings.recursive,
          matchName: settings.matchName,
          sources: options.adapters.map((adapter) => adapter.name),
          filter: settings.selects,
          filterByName: settings.selectsByName,
        });
  const otherProject = otherProjectOf(settings.selects);
  printRun(report, io, flags, settings, {
    notes,
    otherProject,
    json: { failures: report.failures.map((f) => ({ ...f, otherProject: otherProject(f) })) },
  });
  return { report, exitCode: exitCodeForReport(report, otherProject) };
}

/**
 * A failure that cannot concern this repository: its session or source entry is known to belong to a folder
 * the selection rejects (another project's Cursor workspace, a session exported or skipped before). Sync
 * reports it as a warning; a failure whose project is unknown might be this repository's and still counts.
 */
function otherProjectOf(selects: SyncSettings['selects']): OtherProject {
  return (failure) => failure.cwd !== undefined && !selects({ cwd: failure.cwd });
}

export const syncCommand: CommandSpec = {
  name: 'sync',
  description: "Export this project's own sessions into the repository (.ai/history/<user>/<source>/)",
  define(command) {
    declareFlags(command, 'sync');
    command
      .example((bin) => `  $ cd ~/code/app && ${bin} sync`)
      .example((bin) => `  $ ${bin} sync --no-recursive --source-system claude,codex --dry-run`);
  },
  async run(flags, io) {
    const { exitCode } = await runSyncCommand(
      {
        ...readFlags(flags, 'sync', io),
        ...(flags.verbose === true ? { verbose: true } : {}),
        ...(flags.noColor === true ? { noColor: true } : {}),
      },
      io,
    );
    return exitCode;
  },
};
