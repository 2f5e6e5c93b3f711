import { EXIT } from '../errors.js';
import { openExploreIndex } from '../explore/index-open.js';
import { checkTuiFlags, exploreInTerminal } from '../explore/tui.js';
import { serveWeb, webOptions } from '../explore/web.js';
import type { CliIO } from '../io.js';
import { declareFlags } from '../options/declare.js';
import { resolveReadOutput } from '../options/read-output.js';
import { commandValues } from '../options/values.js';
import type { CommandSpec } from './types.js';

/**
 * `convx explore`: brings the search index up to date, then serves the web explorer until Ctrl-C — or, with
 * `--tui`, runs the terminal explorer (`@convx/explore-tui`) until `q`. Output resolution and the index are
 * shared by both.
 */
export const exploreCommand: CommandSpec = {
  name: 'explore',
  description:
    'Browse and search the history in a local web app (read-only, on 127.0.0.1), or in the terminal (--tui)',
  define(command) {
    declareFlags(command, 'explore');
    command
      .example((bin) => `  $ ${bin} explore --output-path ~/ai-history`)
      .example((bin) => `  $ ${bin} explore --no-open --port 8080`)
      .example((bin) => `  $ ${bin} explore --tui`);
  },
  async run(flags, io: CliIO) {
    // --tui refuses the web-only flags before their values are read.
    if (flags.tui === true) checkTuiFlags(flags, io);
    const values = commandValues(flags, 'explore', io);
    const { root } = await resolveReadOutput(values.outputPath, io, 'explore');
    if (values.tui) {
      await exploreInTerminal(root, io);
      return EXIT.ok;
    }
    const index = await openExploreIndex(root, io);
    await serveWeb(index, webOptions(values), io);
    return EXIT.ok;
  },
};
