import type { Command } from 'cac';
import type { CliIO } from '../io.js';
import type { FlagValue } from '../options/argv.js';

/** One command: its flags (declared on cac, which also renders --help) and what it does. */
export interface CommandSpec {
  name: string;
  /** The usage cac shows and matches (default: the name), e.g. `hooks <install|uninstall|status>`. */
  usage?: string;
  /** How many positional arguments it takes after its name (default 0). */
  arguments?: number;
  /** Added to the "unknown option" error (search: how to write a query word that starts with `-`). */
  unknownOptionHint?: string;
  description: string;
  define(command: Command): void;
  /** Runs with parsed flags; returns the exit code. Usage problems are thrown as ConvxError. */
  run(flags: Record<string, FlagValue>, io: CliIO, args: string[]): Promise<number>;
}
