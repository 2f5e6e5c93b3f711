import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Command } from 'cac';
import { usageError } from '../errors.js';
import { closest } from '../text/did-you-mean.js';

export type FlagValue = string | boolean | string[];

interface FlagDef {
  long: string;
  short?: string;
  boolean: boolean;
  multiple: boolean;
}

/** Reads the flag definitions off cac's options, so each flag is declared once (with its help text). */
function flagDefs(options: Command['options']): FlagDef[] {
  return options.map((option) => {
    const words = option.rawName.split(',').map((part) => part.trim().split(/\s+/)[0] ?? '');
    const long = words.find((word) => word.startsWith('--'))?.slice(2);
    const short = words.find((word) => /^-[^-]$/.test(word))?.slice(1);
    return {
      long: long ?? short ?? option.name,
      ...(short && long ? { short } : {}),
      boolean: option.isBoolean === true,
      multiple: Array.isArray(option.config.type),
    };
  });
}

const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Another command's flags, so a flag typed for the wrong command can be named as such. */
export interface OtherCommand {
  label: string;
  options: Command['options'];
}

/**
 * Parses argv strictly with node's parseArgs: unknown flags and missing values are usage errors (exit 2),
 * an unknown flag with the closest known one or the commands it belongs to. cac's own parser is not used
 * for values because it turns `--output-path 007` into the number 7.
 */
export function parseFlags(
  tokens: readonly string[],
  options: Command['options'],
  commandLabel: string,
  others: readonly OtherCommand[] = [],
  unknownOptionHint?: string,
): { positionals: string[]; flags: Record<string, FlagValue> } {
  const spec: NonNullable<ParseArgsConfig['options']> = {};
  const defs = flagDefs(options);
  for (const def of defs) {
    spec[def.long] = {
      type: def.boolean ? 'boolean' : 'string',
      ...(def.multiple ? { multiple: true } : {}),
      ...(def.short ? { short: def.short } : {}),
    };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...tokens], options: spec, strict: true, allowPositionals: true });
  } catch (error) {
    throw translate(error, commandLabel, defs, others, unknownOptionHint);
  }
  const flags: Record<string, FlagValue> = {};
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value !== undefined) flags[camel(name)] = value as FlagValue;
  }
  return { positionals: parsed.positionals, flags };
}

function translate(
  error: unknown,
  commandLabel: string,
  defs: readonly FlagDef[],
  others: readonly OtherCommand[],
  hint?: string,
): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? 'an option';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return unknownOption(flag, commandLabel, defs, others, hint);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return usageError(
        /does not take an argument/.test(message)
          ? `${flag} is a switch and takes no value.`
          : `${flag} needs a value (run ${commandLabel} --help).`,
      );
    default:
      return usageError(`${message} (run ${commandLabel} --help).`);
  }
}

/**
 * `--dryrun`: the closest flag of this command (`did you mean --dry-run?`); `--init` on stats: the commands
 * that have it.
 */
function unknownOption(
  flag: string,
  commandLabel: string,
  defs: readonly FlagDef[],
  others: readonly OtherCommand[],
  hint?: string,
): Error {
  const name = flag.replace(/^-+/, '').split('=')[0] ?? '';
  const help = `run ${commandLabel} --help to see the options`;
  if (flag.startsWith('--')) {
    const guess = closest(
      name,
      defs.map((def) => def.long),
    );
    if (guess)
      return usageError(`Unknown option ${flag} for ${commandLabel} (did you mean --${guess}?); ${help}.`);
    const owners = others
      .filter((other) => flagDefs(other.options).some((def) => def.long === name))
      .map((other) => other.label);
    if (owners.length > 0) {
      const list = owners.length === 1 ? owners[0] : `${owners.slice(0, -1).join(', ')} and ${owners.at(-1)}`;
      return usageError(`${flag} is an option of ${list}, not of ${commandLabel}; ${help}.`);
    }
  }
  return usageError(`Unknown option ${flag} for ${commandLabel}; ${hint ?? help}.`);
}
