import { EXIT } from '../errors.js';
import { openExploreIndex } from '../explore/index-open.js';
import { checkTuiFlags, exploreInTerminal } from '../explore/tui.js';
import { serveWeb, webFlags } from '../explore/web.js';
import type { CliIO } from '../io.js';
import { booleanFlag, stringFlag } from '../options/flag-values.js';
import { resolveReadOutput } from '../options/read-output.js';
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
    command
      .option(
        '--output-path <dir>',
        'The output folder to explore (default: the repository you are in, else $CONVX_OUTPUT_PATH)',
      )
      .option('--port <n>', 'Serve on this port (default 7117, or the next free one)')
      .option(
        '--host <addr>',
        'Listen on this address (default 127.0.0.1; any other needs the printed token)',
      )
      .option('--token <token>', 'The access token for a non-loopback --host (default: a random one)')
      .option('--no-open', 'Do not open a browser')
      .option('--tui', 'Browse and search in this terminal instead (full screen; ? lists the keys)')
      .example((bin) => `  $ ${bin} explore --output-path ~/ai-history`)
      .example((bin) => `  $ ${bin} explore --no-open --port 8080`)
      .example((bin) => `  $ ${bin} explore --tui`);
  },
  async run(flags, io: CliIO) {
    if (booleanFlag(flags, 'tui')) {
      checkTuiFlags(flags, io);
      const { root } = await resolveReadOutput(stringFlag(flags, 'outputPath'), io, 'explore');
      await exploreInTerminal(root, io);
      return EXIT.ok;
    }
    const web = webFlags(flags);
    const { root } = await resolveReadOutput(stringFlag(flags, 'outputPath'), io, 'explore');
    const index = await openExploreIndex(root, io);
    await serveWeb(index, web, io);
    return EXIT.ok;
  },
};
