// Every command's options, by command: the run commands share the option table (`table.ts`), the others
// have their own, declared the same way (`option.ts`), sharing the declarations of flags that mean the same
// everywhere (`shared.ts`). cac's definitions (`declare.ts`) and the reading of typed flags (`values.ts`)
// come from here for every command alike.
import { EXPLORE_OPTIONS } from './explore-table.js';
import { type CommandName, type OptionTable, option, type ValuesOf } from './option.js';
import { SEARCH_OPTIONS } from './search-table.js';
import { jsonOption, readOutputPathOption } from './shared.js';
import { OPTIONS } from './table.js';

export const STATS_OPTIONS = { outputPath: readOutputPathOption, json: jsonOption };

export const SCAN_OPTIONS = {
  outputPath: readOutputPathOption,
  fix: option<boolean>({
    flags: [
      {
        spec: '--fix',
        help: 'Rename files and folders whose names hold a secret and redact contents in place (atomically), then report',
      },
    ],
  }),
  json: jsonOption,
};

export const CONFIG_OPTIONS = { outputPath: readOutputPathOption };

export const HOOKS_OPTIONS = {
  force: option<boolean>({
    flags: [
      {
        spec: '--force',
        help: 'install: write the git hook even when husky, lefthook or pre-commit manages hooks',
      },
    ],
  }),
  json: jsonOption,
};

/** The options every command takes (cac's global command; --help is cac's own). */
export const GLOBAL_OPTIONS = {
  verbose: option<boolean>({
    flags: [
      { spec: '--verbose', help: 'Log what happens (and stack traces of unexpected errors) on stderr' },
    ],
  }),
  noColor: option<boolean>({ flags: [{ spec: '--no-color', help: 'No colors (NO_COLOR=1 works too)' }] }),
  version: option<boolean>({ flags: [{ spec: '-v, --version', help: 'Print the version' }] }),
};

export const TABLES = {
  backup: OPTIONS,
  sync: OPTIONS,
  hooks: HOOKS_OPTIONS,
  config: CONFIG_OPTIONS,
  stats: STATS_OPTIONS,
  search: SEARCH_OPTIONS,
  scan: SCAN_OPTIONS,
  explore: EXPLORE_OPTIONS,
} satisfies Record<CommandName, OptionTable>;

export type TableOf<C extends CommandName> = (typeof TABLES)[C];
/** A command's option values, by its table's names. */
export type CommandValues<C extends CommandName> = ValuesOf<TableOf<C>>;
