import { usageError } from '../errors.js';
import type { FlagValue } from './argv.js';
import {
  type ConfigContext,
  configPathFor,
  defaultFor,
  type Option,
  type RunCommand,
  type ValueOf,
} from './option.js';
import { OPTIONS, type OptionName, type Options } from './table.js';

/** Every option's value, by the table's names; absent when nothing sets it. */
export type Values = { -readonly [K in OptionName]?: ValueOf<Options[K]> };

/** Where an effective value came from. */
export type ValueSource = 'flag' | 'config' | 'default';

const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
/** The key node's parseArgs gives a flag (`--no-redact` → `noRedact`). */
const keyOf = (spec: string) => camel(spec.replace(/^--/, '').split(/[\s,]/)[0] ?? '');
const flagName = (spec: string) => spec.split(/[\s,]/)[0] ?? spec;

/**
 * The options typed on the command line, read and checked by the table's parsers (each problem one sentence).
 * Only flags actually given have a value: a switch not typed never masks the config.
 */
export function readFlags(flags: Record<string, FlagValue>, command: RunCommand): Values {
  const values: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(OPTIONS) as Array<[OptionName, Option<unknown, unknown>]>) {
    const typed = (option.flags ?? []).filter(
      (flag) =>
        (flag.commands ?? ['backup', 'sync']).includes(command) && flags[keyOf(flag.spec)] !== undefined,
    );
    const [first, second] = typed;
    if (!first) continue;
    if (second) {
      // `--recursive` before `--no-recursive`: the switch that turns it on is named first.
      const [on, off] = first.value === false ? [second, first] : [first, second];
      throw usageError(`Give ${flagName(on.spec)} or ${flagName(off.spec)}, not both.`);
    }
    const raw = flags[keyOf(first.spec)];
    if (typeof raw === 'boolean') {
      if (raw) values[name] = first.value ?? true;
    } else {
      const list = Array.isArray(raw) ? raw : [raw as string];
      values[name] = option.parse ? option.parse(list, flagName(first.spec)) : list.at(-1);
    }
  }
  return values as Values;
}

/** The config file's value of an option for a command (a validated TOML tree), as a flag would give it. */
function configValue(
  config: ConfigTree,
  option: Option<unknown, unknown>,
  command: RunCommand,
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

export interface Merged {
  values: Values;
  sources: Partial<Record<OptionName, ValueSource>>;
  /** What the config file alone sets (a list's own entries, where flags added theirs). */
  config: Values;
}

/**
 * Layers options: a flag the user gave overrides the config file, which overrides the default; an `append`
 * option's flags add to the config's list instead.
 */
export function mergeValues(
  flags: Values,
  config: ConfigTree,
  command: RunCommand,
  context: ConfigContext,
): Merged {
  const values: Record<string, unknown> = {};
  const sources: Record<string, ValueSource> = {};
  const fromFile: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(OPTIONS) as Array<[OptionName, Option<unknown, unknown>]>) {
    const flag = flags[name];
    const file = configValue(config, option, command, context);
    if (file !== undefined) fromFile[name] = file;
    const fallback = defaultFor(option, command);
    if (option.merge === 'append' && flag !== undefined && file !== undefined) {
      values[name] = [...(file as unknown[]), ...(flag as unknown[])];
      sources[name] = 'flag';
      continue;
    }
    const [value, source]: [unknown, ValueSource] =
      flag !== undefined ? [flag, 'flag'] : file !== undefined ? [file, 'config'] : [fallback, 'default'];
    if (value === undefined) continue;
    values[name] = value;
    sources[name] = source;
  }
  return { values: values as Values, sources, config: fromFile as Values };
}
