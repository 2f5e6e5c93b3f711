// Options several commands take with the same meaning, declared once; their help says what each command
// does with them.
import { SCANNED_EXTENSIONS } from '../privacy/scan-files.js';
import { type CommandName, option } from './option.js';
import { readOutputDefault } from './read-output.js';

/** The help of a flag that reads differently per command. */
export const byCommand =
  (help: Partial<Record<CommandName, string>>) =>
  (command: CommandName): string =>
    help[command] ?? '';

export const last = (raw: string[]): string => raw.at(-1) ?? '';

/** `--json`: the command's result as JSON on stdout, for scripts. */
export const jsonOption = option<boolean>({
  flags: [
    {
      spec: '--json',
      help: byCommand({
        backup: 'Print the run report as JSON on stdout (and nothing else)',
        sync: 'Print the run report as JSON on stdout (and nothing else)',
        hooks: 'status: print the status as JSON',
        stats: 'Print the statistics as JSON on stdout',
        search: 'Print the hits as a JSON array (docs/search.md)',
        scan: 'Print the findings as JSON on stdout',
      }),
    },
  ],
});

/**
 * `--output-path` of the commands that read an output (one rule finds it when it is left out:
 * `resolveReadOutput`). `convx backup`'s, which names where to write, is an option of its own.
 */
export const readOutputPathOption = option<string>({
  flags: [
    {
      spec: '--output-path <dir>',
      help: byCommand({
        config: `A backup output repository (${readOutputDefault(true)})`,
        stats: `The output folder to read (${readOutputDefault()})`,
        search: `The output folder to search (${readOutputDefault()})`,
        scan: `The folder to scan (${readOutputDefault(true)}); reads ${SCANNED_EXTENSIONS.join(' ')} files, and every file and folder name`,
        explore: `The output folder to explore (${readOutputDefault()})`,
      }),
    },
  ],
  parse: last,
});
