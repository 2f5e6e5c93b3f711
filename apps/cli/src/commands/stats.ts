import { readIndex, readOpenProblems, refuseLinksInConvx } from '@convx/core';
import { EXIT } from '../errors.js';
import type { CliIO } from '../io.js';
import { booleanFlag, stringFlag } from '../options/flag-values.js';
import { readOutputDefault, resolveReadOutput } from '../options/read-output.js';
import { colorsFor } from '../output/colors.js';
import { writeJson } from '../output/json.js';
import { formatStats } from '../output/stats-view.js';
import { aggregateStats, type OutputStats } from '../stats/aggregate.js';
import type { CommandSpec } from './types.js';

export interface StatsFlags {
  outputPath?: string;
  json?: boolean;
  noColor?: boolean;
}

/**
 * `convx stats`: what an output holds, from its index (which core rebuilds from the JSON twins when
 * `.convx/state` is gone). Reads only; works on any clone of the output repository.
 */
export async function runStats(flags: StatsFlags, io: CliIO): Promise<OutputStats> {
  const { root: outputPath } = await resolveReadOutput(flags.outputPath, io, 'stats');
  // The index is never read through a link a clone brought.
  await refuseLinksInConvx(outputPath);
  const stats = aggregateStats(outputPath, await readIndex(outputPath), await readOpenProblems(outputPath));
  if (flags.json) writeJson(io.stdout, stats);
  else io.stdout.write(formatStats(stats, colorsFor(io.stdout, io.env, flags.noColor)));
  return stats;
}

export const statsCommand: CommandSpec = {
  name: 'stats',
  description:
    'Summarize an output: sessions by source, user, machine and project, messages, last run, open problems',
  define(command) {
    command
      .option('--output-path <dir>', `The output folder to read (${readOutputDefault()})`)
      .option('--json', 'Print the statistics as JSON on stdout')
      .example((bin) => `  $ ${bin} stats --output-path ~/ai-history`)
      .example((bin) => `  $ cd ~/ai-history && ${bin} stats`);
  },
  async run(flags, io) {
    await runStats(
      {
        outputPath: stringFlag(flags, 'outputPath'),
        json: booleanFlag(flags, 'json'),
        noColor: booleanFlag(flags, 'noColor'),
      },
      io,
    );
    return EXIT.ok;
  },
};
