import { usageError } from '../errors.js';
import type { FlagValue } from './argv.js';
import { flagsIn } from './declare.js';
import {
  type CommandName,
  type ConfigContext,
  configPathFor,
  effectiveDefault,
  flagKey,
  flagName,
  type Option,
  type OptionTable,
  type RuntimeContext,
  type ValuesOf,
} from './option.js';
import { OPTIONS, type Options } from './table.js';
import { type CommandValues, TABLES } from './tables.js';

/** Every run option's value, by the table's names; absent when nothing sets it. */
export type Values = ValuesOf<Options>;

/** Where an effective value came from. */
export type ValueSource = 'flag' | 'config' | 'default';

/** What reading typed flags may need: the folder the command runs in and its environment. */
export interface FlagContext extends RuntimeContext {
  cwd: string;
}

/**
 * The options typed on the command line, read and checked by the command's table (each problem one
 * sentence). Only flags actually given have a value: a switch not typed never masks the config.
 */
export function readFlags<C extends CommandName>(
  flags: Record<string, FlagValue>,
  command: C,
  context: FlagContext,
): CommandValues<C> {
  const table: OptionTable = TABLES[command];
  const values: Record<string, unknown> = {};
  const typedBy = new Map<string, ReturnType<typeof flagsIn>>();
  for (const entry of flagsIn(table, command)) {
    if (flags[flagKey(entry.flag.spec)] === undefined) continue;
    typedBy.set(entry.name, [...(typedBy.get(entry.name) ?? []), entry]);
  }
  for (const [name, [first, second]] of typedBy) {
    if (!first) continue;
    if (second) {
      // `--recursive` before `--no-recursive`: the switch that turns it on is named first.
      const [on, off] = first.flag.value === false ? [second, first] : [first, second];
      throw usageError(`Give ${flagName(on.flag.spec)} or ${flagName(off.flag.spec)}, not both.`);
    }
    const option = table[name] as Option<unknown, unknown>;
    const raw = flags[flagKey(first.flag.spec)];
    if (typeof raw === 'boolean') {
      if (raw) values[name] = first.flag.value ?? true;
    } else {
      const list = Array.isArray(raw) ? raw : [raw as string];
      values[name] = option.parse
        ? option.parse(list, flagName(first.flag.spec), {
            ...context,
            command,
            fallback: () => effectiveDefault(option, command, context),
          })
        : list.at(-1);
    }
  }
  return values as CommandValues<C>;
}

/** The config file's value of an option for a command (a validated TOML tree), as a flag would give it. */
function configValue(
  config: ConfigTree,
  option: Option<unknown, unknown>,
  command: CommandName,
  context: ConfigContext,
): unknown {
  const path = configPathFor(option, command);
  if (!path) return undefined;
  let value: unknown = config;
  for (const key of path.split('.')) value = (value as ConfigTree | undefined)?.[key];
  if (value === undefined) return undefined;
  return option.fromConfig ? option.fromConfig(value, context) : value;
}

/** A validated config file: TOML keys as written. */
export type ConfigTree = { readonly [key: string]: unknown };

export interface Merged<V = Values> {
  values: V;
  sources: Partial<Record<keyof V, ValueSource>>;
  /** What the config file alone sets (a list's own entries, where flags added theirs). */
  config: V;
}

/** What merging needs: the config's repository (paths in it) and the environment (runtime defaults). */
export type MergeContext = ConfigContext & RuntimeContext;

/**
 * Layers options: a flag the user gave overrides the config file, which overrides the default (fixed, else
 * the runtime's: the login and host names); an `append` option's flags add to the config's list instead.
 */
export function mergeValues<C extends CommandName>(
  flags: CommandValues<C>,
  config: ConfigTree,
  command: C,
  context: MergeContext,
): Merged<CommandValues<C>> {
  const typed = flags as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  const sources: Record<string, ValueSource> = {};
  const fromFile: Record<string, unknown> = {};
  const table: OptionTable = TABLES[command];
  for (const [name, option] of Object.entries(table)) {
    const flag = typed[name];
    const file = configValue(config, option, command, context);
    if (file !== undefined) fromFile[name] = file;
    if (option.merge === 'append' && flag !== undefined && file !== undefined) {
      values[name] = [...(file as unknown[]), ...(flag as unknown[])];
      sources[name] = 'flag';
      continue;
    }
    const [value, source]: [unknown, ValueSource] =
      flag !== undefined
        ? [flag, 'flag']
        : file !== undefined
          ? [file, 'config']
          : [effectiveDefault(option, command, context), 'default'];
    if (value === undefined) continue;
    values[name] = value;
    sources[name] = source;
  }
  return {
    values: values as CommandValues<C>,
    sources: sources as Merged<CommandValues<C>>['sources'],
    config: fromFile as CommandValues<C>,
  };
}

/** The run options' defaults only the running machine knows (for `convx config`). */
export function runtimeDefaults(context: RuntimeContext): Values {
  const values: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(OPTIONS as OptionTable))
    if (option.runtimeDefault) values[name] = option.runtimeDefault(context);
  return values as Values;
}

/** A command without a config file: its typed flags over its defaults. */
export function commandValues<C extends CommandName>(
  flags: Record<string, FlagValue>,
  command: C,
  context: FlagContext,
): CommandValues<C> {
  return mergeValues(readFlags(flags, command, context), {}, command, { root: context.cwd, ...context })
    .values;
}
