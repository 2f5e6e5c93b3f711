import type { PluginRef } from '@convx/core';
import { redactionTransform } from '@convx/redact';
import { CONFIG_FILE } from '../config/index.js';
import type { OutStream } from '../io.js';
import type { Values } from '../options/values.js';
import { colorsFor } from '../output/colors.js';
import { RUN_PLUGINS } from '../run-plugins.js';
import {
  type RedactionSetup,
  type RedactionValues,
  redactionFromConfig,
  redactionOptions,
} from './redaction.js';
import { DEFAULT_SKIP_MARKER } from './skip-marker.js';

export { type RedactionSetup, redactionFromConfig, redactorOptions } from './redaction.js';
export { DEFAULT_SKIP_MARKER, skipMarkerWithdraw } from './skip-marker.js';

/** The privacy settings of a run: the merged values, and which of them the flags and the config set. */
export interface PrivacyValues {
  /** The config file's: its exclude globs (named in errors by their index) and the redaction settings. */
  config: RedactionValues & Pick<Values, 'exclude' | 'skipMarker' | 'redact'>;
  /** The flags': `--exclude` globs (added to the config's), `--no-redact`. */
  flags: Pick<Values, 'exclude' | 'redact'>;
  noColor?: boolean;
}

/** Where the "redaction is off" warning goes (the process's stderr unless the caller passes its own). */
export interface PrivacyIO {
  stderr: OutStream;
  env: Readonly<Record<string, string | undefined>>;
}

/** Whether a run redacts secrets: unless `--no-redact` or `[redaction] enabled = false`. */
function secretsOn({ config, flags }: Pick<PrivacyValues, 'config' | 'flags'>): boolean {
  return flags.redact !== false && config.redact !== false;
}

/**
 * The run's redactor, built once (~5–10 ms of a warm sync each time): the labels are redacted with it and
 * the spec's redaction transform is made from it (`madeTransforms`). Building it checks the config's rules,
 * naming the entry at fault.
 */
export function runRedaction(privacy: Pick<PrivacyValues, 'config' | 'flags'>): RedactionSetup {
  return redactionFromConfig(privacy.config, secretsOn(privacy));
}

/**
 * How a run redacts the labels that name folders and reach commit messages (user, machine): a label
 * holding a secret (or a sanitize keyword) becomes `redacted-<rule>`, like any path segment.
 */
export function labelRedaction({ redactor }: RedactionSetup): (label: string) => string {
  return redactor ? (label) => redactor.names.segment(label) : (label) => label;
}

/**
 * The privacy spec's redaction transform made from the run's redactor, for `resolveRunSpec`'s `made`: the
 * same options (both come from the same privacy values), so the same transform and id as the spec's entry.
 */
export function madeTransforms(spec: PrivacySpec, { redactor }: RedactionSetup): Map<PluginRef, unknown> {
  const made = new Map<PluginRef, unknown>();
  const entry = spec.transforms.find((ref) => ref.module === REDACT_MODULE && ref.export === REDACT_EXPORT);
  if (entry && redactor) made.set(entry, redactionTransform(redactor));
  return made;
}

/** The spec entry of the redaction transform: `createRedactionTransform(options)` of @convx/redact. */
const REDACT_MODULE = '@convx/redact';
const REDACT_EXPORT = 'createRedactionTransform';

/** A run spec's privacy part. */
export interface PrivacySpec {
  withdraw: PluginRef[];
  transforms: PluginRef[];
}

/**
 * The one place where privacy settings shape a run, for backup and sync alike, as run spec entries:
 * - withdraw: sessions of excluded projects, and sessions whose typed prompts contain the skip marker, are
 *   not exported and their earlier files are removed (one rule each; the first reason wins);
 * - transforms: secrets are redacted (unless `--no-redact` or `[redaction] enabled = false`, which warns on
 *   stderr every run) and sanitize keywords replaced (also when redaction is off) — in the conversation and
 *   in every name that reaches an output (ids, cwd and source paths, branch; the labels are redacted before
 *   the layout is built, see `labelRedaction`). The redactor's id covers the rules and options, so a config
 *   change re-renders every session.
 * An invalid exclude glob is a usage error naming where it came from (when the spec is resolved).
 */
export function privacySpec(
  privacy: PrivacyValues,
  home: string,
  io: PrivacyIO = { stderr: process.stderr, env: process.env },
): PrivacySpec {
  const { config, flags } = privacy;
  const globs = [
    ...(config.exclude ?? []).map((glob, i) => ({ glob, from: `${CONFIG_FILE}: exclude[${i}]` })),
    ...(flags.exclude ?? []).map((glob) => ({ glob, from: `--exclude ${glob}` })),
  ];
  const withdraw: PluginRef[] = [
    ...(globs.length > 0
      ? [{ module: RUN_PLUGINS, export: 'excludedProjects', options: { globs, home } }]
      : []),
    {
      module: RUN_PLUGINS,
      export: 'skipMarker',
      options: { marker: config.skipMarker ?? DEFAULT_SKIP_MARKER },
    },
  ];
  const secrets = secretsOn(privacy);
  if (!secrets) {
    const why = flags.redact === false ? '--no-redact' : `[redaction] enabled = false in ${CONFIG_FILE}`;
    const colors = colorsFor(io.stderr, io.env, privacy.noColor);
    io.stderr.write(
      `${colors.yellow(`warning: secret redaction is off (${why}): API keys, tokens and passwords in the conversations are written as they are.`)}\n`,
    );
  }
  const options = redactionOptions(config, secrets);
  const transforms: PluginRef[] = options
    ? [{ module: REDACT_MODULE, export: REDACT_EXPORT, options: { ...options } }]
    : [];
  return { withdraw, transforms };
}
