import type * as v from 'valibot';

/** The commands whose options the table declares. */
export type RunCommand = 'backup' | 'sync';
export const RUN_COMMANDS: readonly RunCommand[] = ['backup', 'sync'];

/** One flag of an option, as cac declares it and --help shows it. */
export interface Flag {
  /** cac's name: `--system-name <name>`, `--dry-run`, `--no-redact`. */
  spec: string;
  help: string | ((command: RunCommand) => string);
  /** The commands that take it (default: both). */
  commands?: readonly RunCommand[];
  /** A switch's value when typed (default true); a flag that takes a value leaves it out. */
  value?: boolean;
}

/** Where an option lives in `.convx/config.toml`: one TOML path for every command, or one per command. */
export type ConfigPath = string | Partial<Record<RunCommand, string>>;

/**
 * One option, declared once: its flags, how a typed value is read (and checked: one plain sentence), where it
 * lives in the config file and what it must be there, how the two combine, and its default. The cac
 * definitions, the config schema, the flag/config/default merge and `convx config` are derived from these.
 */
export interface Option<T = unknown, C = T> {
  flags?: readonly Flag[];
  /** Repeatable (`--exclude a --exclude b`). */
  repeat?: boolean;
  /** Reads a typed value (the last one given; every one, for a repeatable flag); throws a usage error. */
  parse?: (raw: string[], flag: string) => T;
  config?: ConfigPath;
  /** What the config value must be; its output is the option's value unless `fromConfig` converts it. */
  schema?: v.GenericSchema<unknown, C>;
  /** The config value as a flag would give it (`input_paths`: paths resolved against the repository). */
  fromConfig?: (value: C, context: ConfigContext) => T;
  /** `append`: flags add to the config's list (`--exclude`, `--adapter`); else a typed flag replaces it. */
  merge?: 'append';
  default?: T;
  /** A default that differs by command (the history folder). */
  defaults?: Partial<Record<RunCommand, T>>;
  /** What `convx config` says when nothing sets it and there is no default (`host name`). */
  unset?: string;
}

/** What converting a config value may need. */
export interface ConfigContext {
  /** The repository the config belongs to: relative paths resolve against it. */
  root: string;
  home?: string;
}

/** Declares an option, inferring its value type from its parser and schema. */
export const option = <T, C = T>(definition: Option<T, C>): Option<T, C> => definition;

export type ValueOf<O> = O extends Option<infer T, infer _C> ? T : never;

/** The option's TOML path for a command, if it has one there. */
export function configPathFor(option: Option<unknown, unknown>, command: RunCommand): string | undefined {
  const { config } = option;
  return typeof config === 'string' ? config : config?.[command];
}

/** The option's default for a command. */
export function defaultFor<T>(option: Option<T, unknown>, command: RunCommand): T | undefined {
  return option.defaults?.[command] ?? option.default;
}
