import type { SyncOptions } from '@convx/core';
import { redactionTransform } from '@convx/redact';
import { CONFIG_FILE, type ConvxConfig } from '../config/index.js';
import type { OutStream } from '../io.js';
import { createExcludeRule, excludeWithdraw } from '../options/exclude.js';
import { colorsFor } from '../output/colors.js';
import { composeTransform, composeWithdraw } from './compose.js';
import { redactionFromConfig } from './redaction.js';
import { DEFAULT_SKIP_MARKER, skipMarkerWithdraw } from './skip-marker.js';

export { composeTransform, composeWithdraw } from './compose.js';
export { redactionFromConfig, redactorOptions } from './redaction.js';
export { DEFAULT_SKIP_MARKER, skipMarkerWithdraw } from './skip-marker.js';

/** The privacy flags of `convx backup` and `convx sync`. */
export interface PrivacyFlags {
  /** `--exclude <glob>`, repeatable: added to the config's `exclude`. */
  exclude?: readonly string[];
  /** `--no-redact` sets false: secrets are written as they are (with a warning on every run). */
  redact?: false;
  noColor?: boolean;
}

/** Where the "redaction is off" warning goes (the process's stderr unless the caller passes its own). */
export interface PrivacyIO {
  stderr: OutStream;
  env: Readonly<Record<string, string | undefined>>;
}

/** Whether a run redacts secrets: unless `--no-redact` or `[redaction] enabled = false`. */
function secretsOn(config: ConvxConfig, flags: Pick<PrivacyFlags, 'redact'>): boolean {
  return flags.redact !== false && config.redaction?.enabled !== false;
}

/**
 * How a run redacts the labels that name folders and reach commit messages (user, machine): a label
 * holding a secret (or a sanitize keyword) becomes `redacted-<rule>`, like any path segment.
 */
export function labelRedaction(
  config: ConvxConfig,
  flags: Pick<PrivacyFlags, 'redact'>,
): (label: string) => string {
  const { redactor } = redactionFromConfig(config, secretsOn(config, flags));
  return redactor ? (label) => redactor.names.segment(label) : (label) => label;
}

/**
 * The one place where privacy settings shape a run, for backup and sync alike, after every other option is
 * settled:
 * - withdraw: sessions of excluded projects, and sessions whose typed prompts contain the skip marker, are
 *   not exported and their earlier files are removed (one rule; the first reason wins);
 * - transform: secrets are redacted (unless `--no-redact` or `[redaction] enabled = false`, which warns on
 *   stderr every run) and sanitize keywords replaced (also when redaction is off), after any other
 *   transform — in the conversation and in every name that reaches an output (ids, cwd and source paths,
 *   branch; the labels are redacted before the layout is built, see `labelRedaction`). Its id covers the
 *   rules and options, so a config change re-renders every session.
 * An invalid user rule, allow entry or disabled id is a usage error naming its config key.
 */
export async function applyPrivacy<T extends SyncOptions>(
  options: T,
  config: ConvxConfig,
  flags: PrivacyFlags,
  io: PrivacyIO = { stderr: process.stderr, env: process.env },
): Promise<T> {
  const exclude = createExcludeRule(
    [
      ...(config.exclude ?? []).map((glob, i) => ({ glob, from: `${CONFIG_FILE}: exclude[${i}]` })),
      ...(flags.exclude ?? []).map((glob) => ({ glob, from: `--exclude ${glob}` })),
    ],
    options.locationEnv.home,
  );
  const withdraw = composeWithdraw([
    options.withdraw,
    exclude ? excludeWithdraw(exclude) : undefined,
    skipMarkerWithdraw(config.skipMarker ?? DEFAULT_SKIP_MARKER),
  ]);

  const secrets = secretsOn(config, flags);
  const { redactor } = redactionFromConfig(config, secrets);
  if (!secrets) {
    const why = flags.redact === false ? '--no-redact' : `[redaction] enabled = false in ${CONFIG_FILE}`;
    const colors = colorsFor(io.stderr, io.env, flags.noColor);
    io.stderr.write(
      `${colors.yellow(`warning: secret redaction is off (${why}): API keys, tokens and passwords in the conversations are written as they are.`)}\n`,
    );
  }
  const transform = composeTransform([
    options.transform,
    redactor ? redactionTransform(redactor) : undefined,
  ]);
  return {
    ...options,
    ...(withdraw ? { withdraw } : {}),
    ...(transform ? { transform } : {}),
  };
}
