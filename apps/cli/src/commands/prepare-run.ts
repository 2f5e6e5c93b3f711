import { stat } from 'node:fs/promises';
import type { Adapter, Renderer, SyncOptions } from '@convx/core';
import {
  type BackupConfigFlags,
  CONFIG_DEFAULTS,
  configAsBackupFlags,
  configAsSyncFlags,
  type LoadedConfig,
  loadConfig,
  mergeOptions,
  type SyncConfigFlags,
} from '../config/index.js';
import { usageError } from '../errors.js';
import type { CliIO } from '../io.js';
import { type BackupFlags, type BackupSettings, resolveBackupSettings } from '../options/backup-options.js';
import { requireOutputPath } from '../options/output-path.js';
import { resolveSyncSettings, type SyncFlags, type SyncSettings } from '../options/sync-options.js';
import { resolvePathFlag } from '../options/tilde.js';
import { isPathSpec, loadPlugins } from '../plugins/index.js';
import { applyPrivacy } from '../privacy/index.js';
import { defaultRenderer } from '../renderer.js';
import { builtinSources } from '../sources.js';
import { describeRepo } from '../sync/index.js';
import type { RunFlags } from './run-flags.js';

/** Everything `runSync` needs except the reporting hooks, which the command adds. */
export type RunOptions = Omit<SyncOptions, 'log' | 'onProgress' | 'signal'>;

/** The built-in adapters and renderer a run starts from (tests inject their own). */
export interface RunDeps {
  registry: Readonly<Record<string, Adapter>>;
  renderer: Renderer;
}

export const builtinDeps: RunDeps = { registry: builtinSources, renderer: defaultRenderer };

export interface PreparedRun<S> {
  options: RunOptions;
  settings: S;
  loaded: LoadedConfig;
}

/** `convx backup`'s flags as typed. */
export type BackupRunFlags = RunFlags &
  Omit<BackupFlags, keyof RunFlags> & { systemName?: string; commit?: boolean; push?: boolean };

/** `convx sync`'s flags as typed. */
export type SyncRunFlags = RunFlags & { recursive?: boolean; matchName?: boolean };

/** Only the keys given a value: what mergeOptions counts as typed. */
function given<T extends object, K extends keyof T>(flags: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (flags[key] !== undefined) out[key] = flags[key];
  return out;
}

/**
 * Community adapters and the renderer: the config's, plus `--adapter` / `--renderer`. Paths in the config are
 * relative to the repository root, paths typed as flags to the current folder; package names resolve from
 * the repository's node_modules.
 */
async function loadRunPlugins(
  loaded: LoadedConfig,
  root: string,
  flags: Pick<RunFlags, 'adapter' | 'renderer'>,
  io: CliIO,
  deps: RunDeps,
): Promise<RunDeps & { renderOptions?: Record<string, unknown> }> {
  const typed = (spec: string) => (isPathSpec(spec) ? resolvePathFlag(io.cwd, spec) : spec);
  const renderer = flags.renderer ? typed(flags.renderer) : loaded.config.renderer;
  const plugins = await loadPlugins({
    adapters: [...(loaded.config.adapters ?? []), ...(flags.adapter ?? []).map(typed)],
    ...(renderer ? { renderer } : {}),
    cwd: root,
    builtins: deps.registry,
  });
  // `timezone` is the built-in Markdown renderer's option; a custom renderer takes its own in renderer_options.
  const timezone = plugins.renderer ? undefined : loaded.config.timezone;
  const renderOptions =
    timezone === undefined ? loaded.config.rendererOptions : { timezone, ...loaded.config.rendererOptions };
  return {
    registry: plugins.sources,
    renderer: plugins.renderer ?? deps.renderer,
    ...(renderOptions ? { renderOptions } : {}),
  };
}

/**
 * Backup: the config of the output repository, layered under the typed flags; plugins; the validated
 * settings; then privacy. Returns also whether to commit and push (`--push` implies `--commit`).
 */
export async function prepareBackupRun(
  flags: BackupRunFlags,
  io: CliIO,
  deps: RunDeps = builtinDeps,
): Promise<PreparedRun<BackupSettings> & { commit: boolean; push: boolean }> {
  const outputRoot = requireOutputPath(flags.outputPath, io.cwd, 'write transcripts to, a git repository');
  const info = await stat(outputRoot).catch(() => undefined);
  if (info && !info.isDirectory())
    throw usageError(
      `The output path ${outputRoot} is a file, not a folder; pass a folder (a git repository) to --output-path.`,
    );
  const loaded = await loadConfig(outputRoot);
  const keys = [
    'sourceSystem',
    'user',
    'systemName',
    'historySubpath',
    'inputPath',
    'commit',
    'push',
  ] as const;
  const merged = mergeOptions<BackupConfigFlags>(
    given(flags, keys),
    configAsBackupFlags(loaded.config, outputRoot),
    CONFIG_DEFAULTS.backup,
  );
  const plugins = await loadRunPlugins(loaded, outputRoot, flags, io, deps);
  const settings = await resolveBackupSettings({ ...flags, ...merged.values }, io, plugins.registry);
  const options = await finishOptions(settings, plugins, loaded, flags, io);
  const push = merged.values.push === true;
  return { options, settings, loaded, commit: push || merged.values.commit === true, push };
}

/**
 * Sync: the repository around the current folder is the output; its config's `[sync]` section is layered
 * under the typed flags; only this folder's sessions are selected.
 */
export async function prepareSyncRun(
  flags: SyncRunFlags,
  io: CliIO,
  deps: RunDeps = builtinDeps,
): Promise<PreparedRun<SyncSettings>> {
  const repo = await describeRepo(io.cwd);
  const loaded = await loadConfig(repo.root);
  const keys = ['sourceSystem', 'recursive', 'matchName', 'historySubpath'] as const;
  const merged = mergeOptions<SyncConfigFlags>(
    given(flags, keys),
    configAsSyncFlags(loaded.config),
    CONFIG_DEFAULTS.sync,
  );
  const plugins = await loadRunPlugins(loaded, repo.root, flags, io, deps);
  const settings = await resolveSyncSettings(
    { ...flags, ...merged.values } satisfies SyncFlags,
    io,
    plugins.registry,
    repo,
  );
  const options = await finishOptions(settings, plugins, loaded, flags, io);
  return { options: withinSelection(options), settings, loaded };
}

/**
 * Sessions of other projects are simply not selected: only this repository's sessions may be withdrawn
 * (which removes their files and is reported), so an excluded unrelated project is not mentioned at all.
 */
function withinSelection(options: RunOptions): RunOptions {
  const { withdraw, filter } = options;
  if (!withdraw || !filter) return options;
  return {
    ...options,
    withdraw: { id: withdraw.id, test: (session) => (filter(session) ? withdraw.test(session) : undefined) },
  };
}

/** The renderer the plugins chose, then the privacy settings (redaction, skip marker, excludes): last. */
function finishOptions(
  settings: Omit<RunOptions, 'renderer'>,
  plugins: Awaited<ReturnType<typeof loadRunPlugins>>,
  loaded: { config: Parameters<typeof applyPrivacy>[1] },
  flags: Parameters<typeof applyPrivacy>[2],
  io: CliIO,
): Promise<RunOptions> {
  return applyPrivacy(
    {
      ...settings,
      renderer: plugins.renderer,
      ...(plugins.renderOptions ? { renderOptions: plugins.renderOptions } : {}),
    },
    loaded.config,
    flags,
    io,
  );
}
