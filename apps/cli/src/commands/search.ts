import { ConvxError } from '@convx/core';
import type { SearchHit, SearchIndex, SearchResult } from '@convx/search';
import { EXIT, usageError } from '../errors.js';
import type { CliIO } from '../io.js';
import type { FlagValue } from '../options/argv.js';
import { booleanFlag, listFlag, stringFlag } from '../options/flag-values.js';
import { resolveReadOutput } from '../options/read-output.js';
import { resolvePathFlag } from '../options/tilde.js';
import { colorsFor } from '../output/colors.js';
import { writeJson } from '../output/json.js';
import { supportsHyperlinks } from '../search/hyperlinks.js';
import { updateWithProgress } from '../search/update.js';
import { formatSearch } from '../search/view.js';
import type { CommandSpec } from './types.js';

export interface SearchFlags {
  outputPath?: string;
  source?: string[];
  project?: string;
  since?: string;
  until?: string;
  limit?: number;
  sort?: 'relevance' | 'newest';
  toolOutput?: boolean;
  json?: boolean;
  noColor?: boolean;
}

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
        limit: flags.limit ?? 20,
        sort: flags.sort ?? 'relevance',
        toolOutput: flags.toolOutput !== false,
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

const SORTS = ['relevance', 'newest'] as const;

/** Reads and checks the flags; usage errors name the flag. */
export function searchFlags(flags: Record<string, FlagValue>, cwd: string): SearchFlags {
  const limitText = stringFlag(flags, 'limit');
  let limit: number | undefined;
  if (limitText !== undefined) {
    limit = Number(limitText);
    if (!/^\d+$/.test(limitText.trim()) || limit < 1) {
      throw usageError(`--limit must be a whole number of sessions, 1 or more (got "${limitText}").`);
    }
  }
  const sortText = stringFlag(flags, 'sort');
  const sort = SORTS.find((s) => s === sortText);
  if (sortText !== undefined && !sort) {
    throw usageError(`--sort must be relevance or newest (got "${sortText}").`);
  }
  const source = listFlag(flags, 'source')
    .flatMap((value) => value.split(','))
    .map((value) => value.trim().toLowerCase())
    .filter((value) => value !== '' && value !== 'all');
  const project = stringFlag(flags, 'project');
  return {
    ...pick('outputPath', stringFlag(flags, 'outputPath')),
    ...(source.length ? { source } : {}),
    ...pick('project', project === undefined ? undefined : projectValue(project, cwd)),
    ...pick('since', stringFlag(flags, 'since')),
    ...pick('until', stringFlag(flags, 'until')),
    ...pick('limit', limit),
    ...pick('sort', sort),
    ...(booleanFlag(flags, 'noToolOutput') ? { toolOutput: false } : {}),
    json: booleanFlag(flags, 'json'),
    noColor: booleanFlag(flags, 'noColor'),
  };
}

/** A path (`.`, `../app`, `~/code/app`, `/srv/app`) becomes absolute; a name (`api`) matches any part. */
function projectValue(value: string, cwd: string): string {
  const path =
    value === '.' || value === '..' || /^(\.{1,2}[\\/]|~|\/)/.test(value) || /^[A-Za-z]:[\\/]/.test(value);
  return path ? resolvePathFlag(cwd, value) : value;
}

function pick<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

export const searchCommand: CommandSpec = {
  name: 'search',
  usage: 'search [...query]',
  arguments: Number.POSITIVE_INFINITY,
  unknownOptionHint: 'to exclude a word, quote the query or put it after -- (convx search -- flaky -skip)',
  description: 'Find sessions by what was said in them (words, "phrases", -exclude, OR, prefix*, filters)',
  define(command) {
    command
      .option(
        '--output-path <dir>',
        'The output folder to search (default: the repository you are in, else $CONVX_OUTPUT_PATH)',
      )
      .option(
        '--source <list>',
        'Only these sources (comma list: codex,claude,cursor,gemini,opencode,copilot-vscode)',
      )
      .option(
        '--project <path-or-name>',
        'Only sessions whose folder starts with this path or contains this name',
      )
      .option('--since <date>', 'Only sessions started on or after this date (YYYY-MM-DD, local time)')
      .option('--until <date>', 'Only sessions started before the end of this date')
      .option('--limit <n>', 'Show at most this many sessions (default 20)')
      .option('--sort <order>', 'relevance (default) or newest')
      .option('--no-tool-output', 'Do not match in tool output (command output, file contents)')
      .option('--json', 'Print the hits as a JSON array (docs/search.md)')
      .example((bin) => `  $ ${bin} search flaky login test`)
      .example((bin) => `  $ ${bin} search '"exact phrase" -skip source:claude after:2026-01-01'`)
      .example((bin) => `  $ ${bin} search parseQuery --project . --sort newest --json`);
  },
  async run(flags, io, args) {
    const { exitCode } = await runSearch(args.join(' '), searchFlags(flags, io.cwd), io);
    return exitCode;
  },
};
