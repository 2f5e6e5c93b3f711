import type { FilterOptions, ListOptions, SearchOptions, StatsOptions } from '@convx/search';

/** A query parameter the API cannot use; answered with 400 and the message. */
export class BadRequest extends Error {}

const LIST_FILTERS = ['source', 'machine', 'user', 'model', 'tool', 'branch'] as const;

/** Repeated or comma-separated values: `source=claude&source=codex` or `source=claude,codex`. */
function list(params: URLSearchParams, name: string): string[] | undefined {
  const values = params
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
  return values.length ? values : undefined;
}

function integer(params: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) throw new BadRequest(`${name} must be a whole number, not "${raw}".`);
  const value = Number(raw);
  if (value < min || value > max) throw new BadRequest(`${name} must be between ${min} and ${max}.`);
  return value;
}

function oneOf<T extends string>(
  params: URLSearchParams,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') return undefined;
  const found = allowed.find((value) => value === raw);
  if (found === undefined) throw new BadRequest(`${name} must be one of ${allowed.join(', ')}.`);
  return found;
}

/** The filters every listing endpoint takes (the same names as the query language's filters). */
export function filterOptions(params: URLSearchParams): FilterOptions {
  const options: FilterOptions = {};
  for (const name of LIST_FILTERS) {
    const values = list(params, name);
    if (values) options[name] = values;
  }
  const project = params.get('project');
  if (project) options.project = project;
  const role = oneOf(params, 'role', ['user', 'assistant'] as const);
  if (role) options.role = role;
  const since = params.get('since') || params.get('after');
  if (since) options.since = since;
  const until = params.get('until') || params.get('before');
  if (until) options.until = until;
  return options;
}

export function searchOptions(params: URLSearchParams): { query: string; options: SearchOptions } {
  const options: SearchOptions = {
    ...filterOptions(params),
    limit: integer(params, 'limit', 20, 1, 500),
    offset: integer(params, 'offset', 0, 0, 1_000_000),
  };
  const sort = oneOf(params, 'sort', ['relevance', 'newest'] as const);
  if (sort) options.sort = sort;
  const toolOutput = params.get('toolOutput');
  if (toolOutput === 'false' || toolOutput === '0') options.toolOutput = false;
  return { query: params.get('q') ?? '', options };
}

export function listOptions(params: URLSearchParams): ListOptions {
  const options: ListOptions = {
    ...filterOptions(params),
    limit: integer(params, 'limit', 50, 1, 1000),
    offset: integer(params, 'offset', 0, 0, 10_000_000),
  };
  const sort = oneOf(params, 'sort', ['newest', 'oldest'] as const);
  if (sort) options.sort = sort;
  return options;
}

export function statsOptions(params: URLSearchParams): StatsOptions {
  const options: StatsOptions = filterOptions(params);
  const offset = params.get('utcOffsetMinutes');
  if (offset !== null && offset !== '') {
    options.utcOffsetMinutes = integer(params, 'utcOffsetMinutes', 0, -840, 840);
  }
  return options;
}

export function pageOptions(params: URLSearchParams): { agent: string; offset: number; limit: number } {
  const agent = params.get('agent') ?? '';
  if (agent !== '' && !/^\d{1,6}(\.\d{1,6}){0,31}$/.test(agent)) {
    throw new BadRequest('agent must be a subagent address such as 0 or 0.2.');
  }
  return {
    agent,
    offset: integer(params, 'offset', 0, 0, 100_000_000),
    limit: integer(params, 'limit', 200, 1, 2000),
  };
}
