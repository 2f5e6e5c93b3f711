import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { ConvxConfig } from './config-schema.js';

/** Where an effective value came from. */
export type ValueSource = 'flag' | 'config' | 'default';

export interface Merged<T> {
  values: Partial<T>;
  sources: Partial<Record<keyof T, ValueSource>>;
}

const given = (value: unknown) => value !== undefined;

/**
 * Layers options: flags the user gave override the config file, which overrides defaults. A flag counts as
 * given only when its key is present with a value other than undefined, so the command layer must pass
 * exactly what was on the command line (node's parseArgs does; do not declare defaults in cac, and pass
 * `recursive: false` for `--no-recursive` only when that flag was typed).
 */
export function mergeOptions<T extends object>(
  flags: NoInfer<Partial<T>>,
  config: NoInfer<Partial<T>>,
  defaults: Partial<T>,
): Merged<T> {
  const values: Partial<T> = {};
  const sources: Partial<Record<keyof T, ValueSource>> = {};
  const keys = new Set([...Object.keys(defaults), ...Object.keys(config), ...Object.keys(flags)] as Array<
    keyof T
  >);
  for (const name of keys) {
    const [value, source]: [T[keyof T] | undefined, ValueSource] = given(flags[name])
      ? [flags[name], 'flag']
      : given(config[name])
        ? [config[name], 'config']
        : [defaults[name], 'default'];
    if (value === undefined) continue;
    values[name] = value;
    sources[name] = source;
  }
  return { values, sources };
}

/** `[backup]` in the shape of `convx backup`'s flags (`--source-system a,b`, `--input-path src=path`). */
export interface BackupConfigFlags {
  sourceSystem?: string;
  user?: string;
  systemName?: string;
  historySubpath?: string;
  inputPath?: string[];
  commit?: boolean;
  push?: boolean;
}

/** `[sync]` in the shape of `convx sync`'s flags. */
export interface SyncConfigFlags {
  sourceSystem?: string;
  recursive?: boolean;
  matchName?: boolean;
  historySubpath?: string;
}

/** A config path: `~/` is the home directory, a relative path is relative to the repository root. */
export function resolveConfigPath(path: string, root: string, home = homedir()): string {
  if (path === '~' || path.startsWith('~/') || path.startsWith('~\\')) return join(home, path.slice(2));
  return isAbsolute(path) || /^[a-z]:[\\/]/i.test(path) ? path : resolve(root, path);
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The `[backup]` section as flag values, for `mergeOptions(flags, configAsBackupFlags(...), defaults)`. */
export function configAsBackupFlags(config: ConvxConfig, root: string, home?: string): BackupConfigFlags {
  const backup = config.backup ?? {};
  const inputPath = backup.inputPaths
    ? Object.entries(backup.inputPaths).flatMap(([source, paths]) =>
        paths.map((path) => `${source}=${resolveConfigPath(path, root, home)}`),
      )
    : undefined;
  return defined({
    sourceSystem: backup.sourceSystem?.join(','),
    user: backup.user,
    systemName: backup.systemName,
    historySubpath: backup.historySubpath,
    inputPath,
    commit: backup.commit,
    push: backup.push,
  });
}

/** The `[sync]` section as flag values. */
export function configAsSyncFlags(config: ConvxConfig): SyncConfigFlags {
  const sync = config.sync ?? {};
  return defined({
    sourceSystem: sync.sourceSystem?.join(','),
    recursive: sync.recursive,
    matchName: sync.matchName,
    historySubpath: sync.historySubpath,
  });
}
