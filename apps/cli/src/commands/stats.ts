import { readIndex, readOpenProblems, refuseLinksInConvx } from '@convx/core';
import { EXIT } from '../errors.js';
import type { CliIO } from '../io.js';
import { declareFlags } from '../options/declare.js';
import { resolveReadOutput } from '../options/read-output.js';
import type { CommandValues } from '../options/tables.js';
import { commandValues } from '../options/values.js';
import { colorsFor } from '../output/colors.js';
import { writeJson } from '../output/json.js';
import { formatStats } from '../output/stats-view.js';
import { aggregateStats, type OutputStats } from '../stats/aggregate.js';
import type { CommandSpec } from './types.js';

export type StatsFlags = CommandValues<'stats'> & { noColor?: boolean };

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
    declareFlags(command, 'stats');
    command
      .example((bin) => `  $ ${bin} stats --output-path ~/ai-history`)
      .example((bin) => `  $ cd ~/ai-history && ${bin} stats`);
  },
  async run(flags, io) {
    await runStats(
      { ...commandValues(flags, 'stats', io), ...(flags.noColor === true ? { noColor: true } : {}) },
      io,
    );
    return EXIT.ok;
  },
};
