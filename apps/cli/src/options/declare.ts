import type { Command } from 'cac';
import { type Flag, type Option, RUN_COMMANDS, type RunCommand } from './option.js';
import { OPTIONS } from './table.js';

/** The table's flags a command takes, in table order (which is --help's order). */
export function flagsOf(command: RunCommand): Array<{ flag: Flag; repeat: boolean }> {
  return (Object.values(OPTIONS) as Array<Option<unknown, unknown>>).flatMap((option) =>
    (option.flags ?? [])
      .filter((flag) => (flag.commands ?? RUN_COMMANDS).includes(command))
      .map((flag) => ({ flag, repeat: option.repeat === true })),
  );
}

/** Declares a run command's flags on cac (which also renders --help) from the table. */
export function declareFlags(cacCommand: Command, command: RunCommand): void {
  for (const { flag, repeat } of flagsOf(command)) {
    const help = typeof flag.help === 'function' ? flag.help(command) : flag.help;
    cacCommand.option(flag.spec, help, repeat ? { type: [String] } : undefined);
  }
}
