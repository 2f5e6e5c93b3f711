import type { PluginRef } from '@convx/core';
import type { CliIO } from '../io.js';
import { RUN_PLUGINS } from '../run-plugins.js';
import {
  createSessionFilter,
  NOT_IN_REPOSITORY,
  type RepoContext,
  type SessionFilter,
  type SessionFilterOptions,
} from '../sync/index.js';
import { type BackupSettings, required } from './backup-options.js';
import { resolveHome } from './home.js';
import { parseInputPaths } from './input-paths.js';
import { selectSources } from './source-system.js';
import type { Values } from './values.js';

export type SyncSettings = Omit<BackupSettings, 'systemName'> & {
  /** The selection as a run spec names it (the engine's filter). */
  filter: PluginRef & { reason: string };
  /** The folders whose sessions are selected, for --verbose. */
  folders: string[];
  /** The selection's switches as the run used them (flags over the config). */
  recursive: boolean;
  matchName: boolean;
  /** The selection by recorded folder alone (`filter` takes whole sessions). */
  selects: SessionFilter['filter'];
  /** The same with `--match-name`: what it would add, for the hint when nothing is selected. */
  selectsByName: SessionFilter['filter'];
};

/**
 * Validates sync's options: the output is the repository around the current folder (`repo.root`), the
 * layout flat (`<user>/<source>/`), and only sessions recorded in this folder (or below, or in a worktree
 * of the repository) are exported.
 */
export async function resolveSyncSettings(
  flags: Values,
  io: CliIO,
  registry: Readonly<Record<string, unknown>>,
  repo: RepoContext,
  /** Redacts the user name, which names a folder (see privacy). */
  redactLabel: (label: string) => string = (label) => label,
): Promise<SyncSettings> {
  const sources = selectSources(flags.sourceSystem?.join(','), registry);
  // Checked and defaulted by the option table (a flag when read, the config by its schema).
  const historySubpath = required(flags.historySubpath, 'historySubpath');
  const user = redactLabel(required(flags.user, 'user'));
  const { home, locationEnv } = await resolveHome(flags.home, io);
  const inputs = await parseInputPaths(flags.inputPath ?? [], sources, registry, io.cwd);
  const recursive = required(flags.recursive, 'recursive');
  const matchName = required(flags.matchName, 'matchName');
  // Plain data, so every worker thread builds the same selection (the repository is not asked again).
  const selectionOptions = {
    root: repo.root,
    worktrees: repo.worktrees.map(({ path, bare }) => ({ path, bare })),
    cwd: io.cwd,
    recursive,
    matchName,
    commonDir: repo.commonDir,
  } satisfies SessionFilterOptions;
  const selection = createSessionFilter(selectionOptions);
  return {
    sources,
    outputRoot: repo.root,
    historySubpath,
    layout: { module: '@convx/core', export: 'flatLayout', options: { user } },
    locationEnv,
    inputs,
    labels: { user },
    filter: {
      module: RUN_PLUGINS,
      export: 'syncSelection',
      options: selectionOptions,
      reason: NOT_IN_REPOSITORY,
    },
    dryRun: flags.dryRun === true,
    force: flags.force === true,
    home,
    user,
    folders: selection.folders,
    recursive,
    matchName,
    selects: selection.filter,
    selectsByName: matchName
      ? selection.filter
      : createSessionFilter({ ...repo, cwd: io.cwd, recursive, matchName: true }).filter,
  };
}
