import type { Command } from 'cac';
import type { CommandName, Flag, OptionTable } from './option.js';
import { GLOBAL_OPTIONS, TABLES } from './tables.js';

/** A table's flags a command takes (every flag: the global table's), in table order (--help's order). */
export function flagsIn(
  table: OptionTable,
  command?: CommandName,
): Array<{ name: string; flag: Flag; repeat: boolean }> {
  return Object.entries(table).flatMap(([name, option]) =>
    (option.flags ?? [])
      .filter((flag) => !command || !flag.commands || flag.commands.includes(command))
      .map((flag) => ({ name, flag, repeat: option.repeat === true })),
  );
}

/** The flags a command takes (besides the global ones), in --help's order. */
export function flagsOf(command: CommandName): Array<{ name: string; flag: Flag; repeat: boolean }> {
  return flagsIn(TABLES[command], command);
}

function declare(cacCommand: Command, flags: ReturnType<typeof flagsIn>, command?: CommandName): void {
  for (const { flag, repeat } of flags) {
    const help = typeof flag.help === 'string' ? flag.help : command ? flag.help(command) : '';
    cacCommand.option(flag.spec, help, repeat ? { type: [String] } : undefined);
  }
}

/** Declares a command's flags on cac (which also renders --help) from its table. */
export function declareFlags(cacCommand: Command, command: CommandName): void {
  declare(cacCommand, flagsOf(command), command);
}

/** Declares the flags every command takes on cac's global command. */
export function declareGlobalFlags(globalCommand: Command): void {
  declare(globalCommand, flagsIn(GLOBAL_OPTIONS));
}
