import type { PluginRef, RunPlugins, SyncOptions } from '@convx/core';
import type { CliIO } from '../io.js';
import { parseHistorySubpath } from './history-subpath.js';
import { resolveHome } from './home.js';
import { defaultSystemName, defaultUser, parseLabel } from './identity.js';
import { parseInputPaths } from './input-paths.js';
import { type Initialized, prepareRepository, requireOutputPath } from './output-path.js';
import { selectSources } from './source-system.js';
import type { Values } from './values.js';

/** A run's settings: what `runSync` takes besides its plugins, the reporting hooks and the threads. */
export type RunSettings = Omit<SyncOptions, keyof RunPlugins | 'log' | 'onProgress' | 'signal' | 'workers'>;

/** `convx backup`'s validated settings: the run's, the selected sources and the layout (as spec entries). */
export type BackupSettings = RunSettings & {
  /** The selected source names, in registry order. */
  sources: string[];
  layout: PluginRef;
  home: string;
  user: string;
  systemName: string;
  /** What `--init` created, when it created something. */
  initialized?: Initialized;
};

/**
 * Validates the flags and prepares the output. Cheap checks come first, so a typo never leaves a fresh
 * `git init` behind; the output folder is touched last (only for --init).
 */
export async function resolveBackupSettings(
  flags: Values,
  io: CliIO,
  registry: Readonly<Record<string, unknown>>,
  /** Redacts the user and machine names, which name folders and reach commits (see privacy). */
  redactLabel: (label: string) => string = (label) => label,
): Promise<BackupSettings> {
  const outputRoot = requireOutputPath(flags.outputPath, io.cwd, 'write transcripts to, a git repository');
  const sources = selectSources(flags.sourceSystem?.join(','), registry);
  const historySubpath = parseHistorySubpath(flags.historySubpath);
  const user = redactLabel(parseLabel(flags.user, '--user', () => defaultUser(io.env)));
  const systemName = redactLabel(parseLabel(flags.systemName, '--system-name', defaultSystemName));
  const { home, locationEnv } = await resolveHome(flags.home, io);
  const inputs = await parseInputPaths(flags.inputPath ?? [], sources, registry, io.cwd);
  const initialized = await prepareRepository(outputRoot, flags.init === true);
  return {
    ...(initialized ? { initialized } : {}),
    sources,
    outputRoot,
    historySubpath,
    layout: { module: '@convx/core', export: 'backupLayout', options: { user, systemName, home } },
    locationEnv,
    inputs,
    labels: { user, systemName },
    dryRun: flags.dryRun === true,
    force: flags.force === true,
    home,
    user,
    systemName,
  };
}
