import { ConvxError } from '@convx/core';
import type { SearchHit, SearchIndex, SearchResult } from '@convx/search';
import { EXIT, usageError } from '../errors.js';
import type { CliIO } from '../io.js';
import { declareFlags } from '../options/declare.js';
import { resolveReadOutput } from '../options/read-output.js';
import type { CommandValues } from '../options/tables.js';
import { commandValues } from '../options/values.js';
import { colorsFor } from '../output/colors.js';
import { writeJson } from '../output/json.js';
import { supportsHyperlinks } from '../search/hyperlinks.js';
import { checkSearchSources } from '../search/source-names.js';
import { updateWithProgress } from '../search/update.js';
import { formatSearch } from '../search/view.js';
import type { CommandSpec } from './types.js';

/** `convx search`'s options (`options/search-table.ts`), absent when not given, plus the color switch. */
export type SearchFlags = CommandValues<'search'> & { noColor?: boolean };

/**
 * `convx search [QUERY…]`: brings the output's search index in line with its JSON twins (building it on
 * first use), then prints the matching sessions, or with --json the SearchHit[] array (docs/search.md).
 */
export async function runSearch(
  query: string,
  flags: SearchFlags,
  io: CliIO,
): Promise<{ result: SearchResult; exitCode: number }> {
  const { root } = await resolveReadOutput(flags.outputPath, io, 'search');
  // The search package (and SQLite) is loaded by the commands that use it, not by every convx start-up.
  const { isQueryError, openIndex } = await import('@convx/search');
  const index = await open(root, openIndex);
  try {
    await updateWithProgress(index, io, flags);
    if (flags.source?.length) await checkSearchSources(flags.source, root, index, io);
    if (io.signal?.aborted) {
      throw new ConvxError(
        'ABORTED',
        'Interrupted; the search index keeps what it indexed, and the next search goes on.',
      );
    }
    let result: SearchResult;
    try {
      result = index.search(query, {
        ...(flags.source?.length ? { source: flags.source } : {}),
        ...(flags.project ? { project: flags.project } : {}),
        ...(flags.since ? { since: flags.since } : {}),
        ...(flags.until ? { until: flags.until } : {}),
        // Left out, the index's own defaults apply (the table's, which --help shows, are the same).
        ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
        ...(flags.sort ? { sort: flags.sort } : {}),
        ...(flags.toolOutput !== undefined ? { toolOutput: flags.toolOutput } : {}),
      });
    } catch (error) {
      if (isQueryError(error)) throw usageError(error.message);
      throw error;
    }
    if (flags.json) {
      writeJson(io.stdout, result.hits satisfies SearchHit[]);
    } else {
      io.stdout.write(
        formatSearch(result, {
          colors: colorsFor(io.stdout, io.env, flags.noColor),
          outputRoot: root,
          cwd: io.cwd,
          hyperlinks: supportsHyperlinks(io.stdout, io.env),
          query,
          offset: 0,
        }),
      );
    }
    return { result, exitCode: EXIT.ok };
  } finally {
    index.close();
  }
}

async function open(root: string, openIndex: (root: string) => Promise<SearchIndex>): Promise<SearchIndex> {
  try {
    return await openIndex(root);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw usageError(
        `Cannot create the search index in ${root}/.convx/state (${code}); make the folder writable or search a copy of it.`,
      );
    }
    throw error;
  }
}

export const searchCommand: CommandSpec = {
  name: 'search',
  usage: 'search [...query]',
  arguments: Number.POSITIVE_INFINITY,
  unknownOptionHint: 'to exclude a word, quote the query or put it after -- (convx search -- flaky -skip)',
  description: 'Find sessions by what was said in them (words, "phrases", -exclude, OR, prefix*, filters)',
  define(command) {
    declareFlags(command, 'search');
    command
      .example((bin) => `  $ ${bin} search flaky login test`)
      .example((bin) => `  $ ${bin} search '"exact phrase" -skip source:claude after:2026-01-01'`)
      .example((bin) => `  $ ${bin} search parseQuery --project . --sort newest --json`);
  },
  async run(flags, io, args) {
    const values = commandValues(flags, 'search', io);
    const { exitCode } = await runSearch(
      args.join(' '),
      { ...values, ...(flags.noColor === true ? { noColor: true } : {}) },
      io,
    );
    return exitCode;
  },
};
