import type { Adapter, SyncOptions } from '@convx/core';
import { backupLayout } from '@convx/core';
import type { CliIO } from '../io.js';
import { parseHistorySubpath } from './history-subpath.js';
import { resolveHome } from './home.js';
import { defaultSystemName, defaultUser, parseLabel } from './identity.js';
import { parseInputPaths } from './input-paths.js';
import { type Initialized, prepareRepository, requireOutputPath } from './output-path.js';
import { selectSources } from './source-system.js';

/** `convx backup` flags after argv parsing, before validation. Usable directly by in-process callers. */
export interface BackupFlags {
  outputPath?: string;
  init?: boolean;
  sourceSystem?: string;
  inputPath?: string[];
  home?: string;
  user?: string;
  systemName?: string;
  historySubpath?: string;
  dryRun?: boolean;
  force?: boolean;
}

/** Everything `runSync` needs, except the renderer and the reporting hooks. */
export type BackupSettings = Omit<SyncOptions, 'renderer' | 'log' | 'onProgress' | 'signal'> & {
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
  flags: BackupFlags,
  io: CliIO,
  registry: Readonly<Record<string, Adapter>>,
): Promise<BackupSettings> {
  const outputRoot = requireOutputPath(flags.outputPath, io.cwd, 'write transcripts to, a git repository');
  const adapters = selectSources(flags.sourceSystem, registry);
  const historySubpath = parseHistorySubpath(flags.historySubpath);
  const user = parseLabel(flags.user, '--user', () => defaultUser(io.env));
  const systemName = parseLabel(flags.systemName, '--system-name', defaultSystemName);
  const { home, locationEnv } = await resolveHome(flags.home, io);
  const inputs = await parseInputPaths(flags.inputPath ?? [], adapters, registry, io.cwd);
  const initialized = await prepareRepository(outputRoot, flags.init === true);
  return {
    ...(initialized ? { initialized } : {}),
    adapters,
    outputRoot,
    historySubpath,
    layout: backupLayout({ user, systemName, home }),
    layoutId: `backup:${home}`,
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
