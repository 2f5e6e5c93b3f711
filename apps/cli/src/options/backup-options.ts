import type { PluginRef, RunPlugins, SyncOptions } from '@convx/core';
import type { CliIO } from '../io.js';
import { resolveHome } from './home.js';
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

/** A merged value the table always gives (a default, fixed or from the runtime). */
export function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`the option table gives ${name} no default`);
  return value;
}

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
  // Checked and defaulted by the option table (a flag when read, the config by its schema).
  const historySubpath = required(flags.historySubpath, 'historySubpath');
  const user = redactLabel(required(flags.user, 'user'));
  const systemName = redactLabel(required(flags.systemName, 'systemName'));
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
