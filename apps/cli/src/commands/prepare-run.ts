import { stat } from 'node:fs/promises';
import { type PluginRef, type RunSpec, resolveRunSpec, type SyncOptions } from '@convx/core';
import { type LoadedConfig, loadConfig } from '../config/index.js';
import { usageError } from '../errors.js';
import type { CliIO } from '../io.js';
import { type BackupSettings, resolveBackupSettings } from '../options/backup-options.js';
import type { RunCommand } from '../options/option.js';
import { requireOutputPath } from '../options/output-path.js';
import { resolveSyncSettings, type SyncSettings } from '../options/sync-options.js';
import { resolvePathFlag } from '../options/tilde.js';
import { type Merged, mergeValues, type Values } from '../options/values.js';
import { isPathSpec, loadPlugins } from '../plugins/index.js';
import {
  labelRedaction,
  madeTransforms,
  type PrivacyValues,
  privacySpec,
  type RedactionSetup,
  runRedaction,
} from '../privacy/index.js';
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
  /** Every option's effective value (flags over the config over the defaults). */
  values: Values;
}

/**
 * The typed flags layered over the config file and the defaults. A plugin path typed as a flag is relative
 * to the current folder (one in the config to the repository, where it is resolved when loaded).
 */
function merge(command: RunCommand, flags: RunFlags, loaded: LoadedConfig, root: string, io: CliIO): Merged {
  const typed = (spec: string) => (isPathSpec(spec) ? resolvePathFlag(io.cwd, spec) : spec);
  const { verbose: _verbose, noColor: _noColor, ...values } = flags;
  if (values.adapter) values.adapter = values.adapter.map(typed);
  if (values.renderer) values.renderer = typed(values.renderer);
  return mergeValues(values, loaded.config, command, { root, env: io.env });
}

/**
 * Community adapters and the renderer: the config's, plus `--adapter` / `--renderer`; package names resolve
 * from the repository's node_modules, then beside convx. Built-ins are named by package, community plugins
 * by the file found.
 */
async function loadRunPlugins(
  merged: Merged,
  root: string,
  deps: RunDeps,
): Promise<RunDeps & { renderOptions?: Record<string, unknown> }> {
  const { adapter = [], renderer, timezone, rendererOptions } = merged.values;
  const plugins = await loadPlugins({
    adapters: adapter,
    ...(renderer ? { renderer } : {}),
    cwd: root,
    builtins: deps.registry,
  });
  // `timezone` is the built-in Markdown renderer's option; a custom renderer takes its own in renderer_options.
  const zone = plugins.renderer ? undefined : timezone;
  const renderOptions = zone === undefined ? rendererOptions : { timezone: zone, ...rendererOptions };
  return {
    registry: plugins.sources,
    renderer: plugins.rendererRef ?? deps.renderer,
    ...(renderOptions ? { renderOptions } : {}),
  };
}

function privacyOf(flags: RunFlags, merged: Merged): PrivacyValues {
  return {
    config: merged.config,
    flags: {
      ...(flags.exclude ? { exclude: flags.exclude } : {}),
      ...(flags.redact === false ? { redact: false } : {}),
    },
    ...(flags.noColor ? { noColor: true } : {}),
  };
}

/**
 * Backup: the config of the output repository, layered under the typed flags; plugins; the validated
 * settings; then privacy. Returns also whether to commit and push (`--push` implies `--commit`).
 */
export async function prepareBackupRun(
  flags: RunFlags,
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
  const merged = merge('backup', flags, loaded, outputRoot, io);
  const plugins = await loadRunPlugins(merged, outputRoot, deps);
  const privacy = privacyOf(flags, merged);
  const redaction = runRedaction(privacy);
  const settings = await resolveBackupSettings(
    merged.values,
    io,
    plugins.registry,
    labelRedaction(redaction),
  );
  const push = merged.values.push === true;
  const run = await finishRun(settings, plugins, merged.values, { privacy, redaction }, io);
  return {
    ...run,
    settings,
    loaded,
    values: merged.values,
    commit: push || merged.values.commit === true,
    push,
  };
}

/**
 * Sync: the repository around the current folder is the output; its config's `[sync]` section is layered
 * under the typed flags; only this folder's sessions are selected.
 */
export async function prepareSyncRun(
  flags: RunFlags,
  io: CliIO,
  deps: RunDeps = builtinDeps,
): Promise<PreparedRun<SyncSettings>> {
  const repo = await describeRepo(io.cwd);
  const loaded = await loadConfig(repo.root);
  const merged = merge('sync', flags, loaded, repo.root, io);
  const plugins = await loadRunPlugins(merged, repo.root, deps);
  const privacy = privacyOf(flags, merged);
  const redaction = runRedaction(privacy);
  const settings = await resolveSyncSettings(
    merged.values,
    io,
    plugins.registry,
    repo,
    labelRedaction(redaction),
  );
  const run = await finishRun(settings, plugins, merged.values, { privacy, redaction }, io);
  return { ...run, settings, loaded, values: merged.values };
}

/**
 * The run spec — the selected sources, the renderer the plugins chose, the layout, sync's selection, then the
 * privacy settings (last) — and the engine's options: the settings with the line and attachment limits and
 * the spec resolved (with the redactor the labels used), plus the worker threads, which resolve the same spec.
 */
async function finishRun(
  settings: BackupSettings | SyncSettings,
  plugins: Awaited<ReturnType<typeof loadRunPlugins>>,
  values: Values,
  { privacy, redaction }: { privacy: PrivacyValues; redaction: RedactionSetup },
  io: CliIO,
): Promise<{ options: RunOptions; spec: RunSpec }> {
  const privacyPart = privacySpec(privacy, settings.locationEnv.home, io);
  const spec: RunSpec = {
    // Package names resolve from the CLI's own location, in every thread alike.
    resolveFrom: [import.meta.url],
    adapters: settings.sources.map((name) => plugins.registry[name] as PluginRef),
    renderer: plugins.renderer,
    ...(plugins.renderOptions ? { renderOptions: plugins.renderOptions } : {}),
    layout: settings.layout,
    ...('filter' in settings ? { filter: settings.filter } : {}),
    ...privacyPart,
  };
  const threads = workerThreads(values.jobs);
  const options: RunOptions = {
    outputRoot: settings.outputRoot,
    historySubpath: settings.historySubpath,
    locationEnv: settings.locationEnv,
    inputs: settings.inputs ?? {},
    ...(settings.labels ? { labels: settings.labels } : {}),
    dryRun: settings.dryRun === true,
    force: settings.force === true,
    ...(values.maxAttachmentSize === undefined ? {} : { attachmentMaxBytes: values.maxAttachmentSize }),
    ...(values.maxLineMb === undefined ? {} : { maxLineBytes: values.maxLineMb * 1024 * 1024 }),
    ...(await resolveRunSpec(spec, { made: madeTransforms(privacyPart, redaction) })),
    ...(threads ? { workers: { ...threads, spec } } : {}),
  };
  return { options, spec };
}
