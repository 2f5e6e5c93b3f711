import type { Command } from 'cac';
import type { CliIO } from '../io.js';
import type { FlagValue } from '../options/argv.js';

/** One command: its flags (declared on cac, which also renders --help) and what it does. */
export interface CommandSpec {
  name: string;
  description: string;
  define(command: Command): void;
  /** Runs with parsed flags; returns the exit code. Usage problems are thrown as ConvxError. */
  run(flags: Record<string, FlagValue>, io: CliIO): Promise<number>;
}
