import { stat } from 'node:fs/promises';
import { type PluginRef, type RunSpec, resolveRunSpec, type SyncOptions } from '@convx/core';
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
import { labelRedaction, privacySpec } from '../privacy/index.js';
import { defaultRenderer } from '../renderer.js';
import { builtinSources } from '../sources.js';
import { describeRepo } from '../sync/index.js';
import type { RunFlags } from './run-flags.js';
import { workerThreads } from './threads.js';

/** Everything `runSync` needs except the reporting hooks, which the command adds. */
export type RunOptions = Omit<SyncOptions, 'log' | 'onProgress' | 'signal'>;

/** The adapters and renderer a run starts from, as run specs name them (tests name their own modules). */
export interface RunDeps {
  registry: Readonly<Record<string, PluginRef>>;
  renderer: PluginRef;
}

export const builtinDeps: RunDeps = { registry: builtinSources, renderer: defaultRenderer };

export interface PreparedRun<S> {
  /** The engine's options: the settings and the spec's plugins, resolved; worker threads resolve the spec. */
  options: RunOptions;
  /** The run's plugins as plain data. */
  spec: RunSpec;
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
  // Built-ins are named by package; community plugins by the file found (from the repository or beside convx).
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
    renderer: plugins.rendererRef ?? deps.renderer,
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
  const settings = await resolveBackupSettings(
    { ...flags, ...merged.values },
    io,
    plugins.registry,
    labelRedaction(loaded.config, flags),
  );
  const push = merged.values.push === true;
  const run = await finishRun(settings, plugins, loaded, flags, io);
  return { ...run, settings, loaded, commit: push || merged.values.commit === true, push };
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
    labelRedaction(loaded.config, flags),
  );
  return { ...(await finishRun(settings, plugins, loaded, flags, io)), settings, loaded };
}

/**
 * The run spec — the selected sources, the renderer the plugins chose, the layout, sync's selection, then the
 * privacy settings (last) — and the engine's options: the settings with the line and attachment limits and
 * the spec resolved, plus the worker threads, which resolve the same spec.
 */
async function finishRun(
  settings: BackupSettings | SyncSettings,
  plugins: Awaited<ReturnType<typeof loadRunPlugins>>,
  loaded: LoadedConfig,
  flags: RunFlags,
  io: CliIO,
): Promise<{ options: RunOptions; spec: RunSpec }> {
  const { sources, layout } = settings;
  const spec: RunSpec = {
    // Package names resolve from the CLI's own location, in every thread alike.
    resolveFrom: [import.meta.url],
    adapters: sources.map((name) => plugins.registry[name] as PluginRef),
    renderer: plugins.renderer,
    ...(plugins.renderOptions ? { renderOptions: plugins.renderOptions } : {}),
    layout,
    ...('filter' in settings ? { filter: settings.filter } : {}),
    ...privacySpec(loaded.config, flags, settings.locationEnv.home, io),
  };
  const attachmentMaxBytes =
    flags.maxAttachmentSize ?? loaded.config.attachments?.maxSize ?? CONFIG_DEFAULTS.attachments.maxSize;
  // `--max-line-mb`, else the config's `max_line_mb`, else the engine's default (the same 256 MB).
  const lineMb = flags.maxLineMb ?? loaded.config.maxLineMb;
  const threads = workerThreads(flags.jobs);
  const options: RunOptions = {
    outputRoot: settings.outputRoot,
    historySubpath: settings.historySubpath,
    locationEnv: settings.locationEnv,
    inputs: settings.inputs ?? {},
    ...(settings.labels ? { labels: settings.labels } : {}),
    dryRun: settings.dryRun === true,
    force: settings.force === true,
    attachmentMaxBytes,
    ...(lineMb === undefined ? {} : { maxLineBytes: lineMb * 1024 * 1024 }),
    ...(await resolveRunSpec(spec)),
    ...(threads ? { workers: { ...threads, spec } } : {}),
  };
  return { options, spec };
}
