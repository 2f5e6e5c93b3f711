import type * as v from 'valibot';

/** Every command whose flags the option tables declare. */
export type CommandName = 'backup' | 'sync' | 'hooks' | 'config' | 'stats' | 'search' | 'scan' | 'explore';
/** The commands that run the engine, and the only ones with keys in `.convx/config.toml`. */
export type RunCommand = 'backup' | 'sync';
export const RUN_COMMANDS: readonly RunCommand[] = ['backup', 'sync'];

/** The environment a default may depend on (the login name, `USER`). */
export interface RuntimeContext {
  env: Readonly<Record<string, string | undefined>>;
}

/** What reading a typed value may need: the command, the folder it runs in, and the option's default. */
export interface ParseContext<T> extends RuntimeContext {
  command: CommandName;
  /** Relative paths resolve against it. */
  cwd: string;
  /** The option's default for this command (fixed or from the runtime), for "such as …" in a message. */
  fallback(): T | undefined;
}

/** One flag of an option, as cac declares it and --help shows it. */
export interface Flag {
  /** cac's name: `--system-name <name>`, `--dry-run`, `--no-redact`, `-v, --version`. */
  spec: string;
  help: string | ((command: CommandName) => string);
  /** The commands that take it (default: every command whose table holds the option). */
  commands?: readonly CommandName[];
  /** A switch's value when typed (default true); a flag that takes a value leaves it out. */
  value?: boolean;
}

/** Where an option lives in `.convx/config.toml`: one TOML path for every command, or one per command. */
export type ConfigPath = string | Partial<Record<RunCommand, string>>;

/**
 * One option, declared once: its flags, how a typed value is read (and checked: one plain sentence), where it
 * lives in the config file and what it must be there, how the two combine, and its default (fixed, per
 * command, or computed at run time). The cac definitions, the config schema, the flag/config/default merge
 * and `convx config` are derived from these. (Methods, so that a table of options of different types is a
 * table of `Option`.)
 */
export interface Option<T = unknown, C = T> {
  flags?: readonly Flag[];
  /** Repeatable (`--exclude a --exclude b`). */
  repeat?: boolean;
  /** Reads a typed value (the last one given; every one, for a repeatable flag); throws a usage error. */
  parse?(raw: string[], flag: string, context: ParseContext<T>): T;
  config?: ConfigPath;
  /** What the config value must be; its output is the option's value unless `fromConfig` converts it. */
  schema?: v.GenericSchema<unknown, C>;
  /** The config value as a flag would give it (`input_paths`: paths resolved against the repository). */
  fromConfig?(value: C, context: ConfigContext): T;
  /** `append`: flags add to the config's list (`--exclude`, `--adapter`); else a typed flag replaces it. */
  merge?: 'append';
  default?: T;
  /** A default that differs by command (the history folder). */
  defaults?: Partial<Record<CommandName, T>>;
  /** A default only the running machine knows (the login name, the host name). */
  runtimeDefault?(context: RuntimeContext): T;
  /** What `convx config` says when nothing sets it and there is no default (`host name`). */
  unset?: string;
}

/** The options of one or more commands, by name, in --help order. */
export type OptionTable = Readonly<Record<string, Option<unknown, unknown>>>;

/** What converting a config value may need. */
export interface ConfigContext {
  /** The repository the config belongs to: relative paths resolve against it. */
  root: string;
  home?: string;
}

/** Declares an option, inferring its value type from its parser and schema. */
export const option = <T, C = T>(definition: Option<T, C>): Option<T, C> => definition;

export type ValueOf<O> = O extends Option<infer T, infer _C> ? T : never;

/** Every option's value of a table, by name; absent when nothing sets it. */
export type ValuesOf<Table> = { -readonly [K in keyof Table]?: ValueOf<Table[K]> };

/** The option's TOML path for a command, if it has one there. */
export function configPathFor(option: Option<unknown, unknown>, command: CommandName): string | undefined {
  const { config } = option;
  if (typeof config === 'string') return config;
  return command === 'backup' || command === 'sync' ? config?.[command] : undefined;
}

/** The option's fixed default for a command. */
export function defaultFor<T>(option: Option<T, unknown>, command: CommandName): T | undefined {
  return option.defaults?.[command] ?? option.default;
}

/** The option's default for a command: fixed, else the one the runtime gives. */
export function effectiveDefault<T>(
  option: Option<T, unknown>,
  command: CommandName,
  context: RuntimeContext,
): T | undefined {
  return defaultFor(option, command) ?? option.runtimeDefault?.(context);
}

/** `--output-path` of `--output-path <dir>`, `--version` of `-v, --version`. */
export function flagName(spec: string): string {
  const words = spec.split(',').map((part) => part.trim().split(/\s+/)[0] ?? '');
  return words.find((word) => word.startsWith('--')) ?? words[0] ?? spec;
}

/** The key node's parseArgs gives a flag (`--no-redact` → `noRedact`, `-v, --version` → `version`). */
export function flagKey(spec: string): string {
  return flagName(spec)
    .replace(/^-+/, '')
    .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
