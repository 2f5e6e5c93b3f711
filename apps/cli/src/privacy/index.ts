import type { SyncOptions } from '@convx/core';
import type { ConvxConfig } from '../config/index.js';
import { createExcludeRule, excludeWithdraw } from '../options/exclude.js';

/** The privacy flags of `convx backup` and `convx sync`. */
export interface PrivacyFlags {
  /** `--exclude <glob>`, repeatable: added to the config's `exclude`. */
  exclude?: readonly string[];
}

/**
 * The one place where privacy settings shape a run: which sessions are withdrawn (excluded projects) and how
 * sessions are transformed before rendering. Called by prepare-run for backup and sync alike, after every
 * other option is settled. Today it applies `exclude` only; redaction, sanitize keywords and the skip
 * marker plug in here.
 */
export async function applyPrivacy<T extends SyncOptions>(
  options: T,
  config: ConvxConfig,
  flags: PrivacyFlags,
): Promise<T> {
  const rule = createExcludeRule(
    [
      ...(config.exclude ?? []).map((glob, i) => ({ glob, from: `.convx/config.toml: exclude[${i}]` })),
      ...(flags.exclude ?? []).map((glob) => ({ glob, from: `--exclude ${glob}` })),
    ],
    options.locationEnv.home,
  );
  return rule ? { ...options, withdraw: excludeWithdraw(rule) } : options;
}
