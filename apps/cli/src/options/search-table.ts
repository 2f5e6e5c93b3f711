// `convx search`'s options, declared as the run options are (`option.ts`). Which source names exist is only
// known once the output's plugins are (`search/source-names.ts`), so `--source` is checked there.
import { usageError } from '../errors.js';
import { builtinSources } from '../sources.js';
import { option } from './option.js';
import { jsonOption, last, readOutputPathOption } from './shared.js';
import { resolvePathFlag } from './tilde.js';

export const SEARCH_SORTS = ['relevance', 'newest'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

const DEFAULT_LIMIT = 20;

/** `claude, Codex,all` → `['claude', 'codex']`: `all` (or nothing) filters nothing. */
export function sourceList(text: string): string[] {
  return text
    .split(',')
    .map((value) => value.trim().toLowerCase())
    .filter((value) => value !== '' && value !== 'all');
}

/** A path (`.`, `../app`, `~/code/app`, `/srv/app`) becomes absolute; a name (`api`) matches any part. */
export function projectValue(value: string, cwd: string): string {
  const path =
    value === '.' || value === '..' || /^(\.{1,2}[\\/]|~|\/)/.test(value) || /^[A-Za-z]:[\\/]/.test(value);
  return path ? resolvePathFlag(cwd, value) : value;
}

export const SEARCH_OPTIONS = {
  outputPath: readOutputPathOption,
  source: option<string[]>({
    flags: [
      {
        spec: '--source <list>',
        help: `Only these sources (a comma-separated list of: ${Object.keys(builtinSources).join(', ')} and loaded adapters)`,
      },
    ],
    parse: (raw) => sourceList(last(raw)),
  }),
  project: option<string>({
    flags: [
      {
        spec: '--project <path-or-name>',
        help: 'Only sessions whose folder starts with this path or contains this name',
      },
    ],
    parse: (raw, _flag, { cwd }) => projectValue(last(raw), cwd),
  }),
  since: option<string>({
    flags: [
      {
        spec: '--since <date>',
        help: 'Only sessions started on or after this date (YYYY-MM-DD, local time)',
      },
    ],
    parse: last,
  }),
  until: option<string>({
    flags: [{ spec: '--until <date>', help: 'Only sessions started before the end of this date' }],
    parse: last,
  }),
  limit: option<number>({
    flags: [{ spec: '--limit <n>', help: `Show at most this many sessions (default ${DEFAULT_LIMIT})` }],
    parse: (raw) => {
      const text = last(raw);
      if (!/^\d+$/.test(text.trim()) || Number(text) < 1)
        throw usageError(`--limit must be a whole number of sessions, 1 or more (got "${text}").`);
      return Number(text);
    },
    default: DEFAULT_LIMIT,
  }),
  sort: option<SearchSort>({
    flags: [{ spec: '--sort <order>', help: 'relevance (default) or newest' }],
    parse: (raw) => {
      const text = last(raw);
      const sort = SEARCH_SORTS.find((s) => s === text);
      if (!sort) throw usageError(`--sort must be relevance or newest (got "${text}").`);
      return sort;
    },
    default: 'relevance',
  }),
  toolOutput: option<boolean>({
    flags: [
      {
        spec: '--no-tool-output',
        help: 'Do not match in tool output (command output, file contents)',
        value: false,
      },
    ],
    default: true,
  }),
  json: jsonOption,
};
