import { QueryError } from '../errors.js';
import type { FilterOptions } from '../types.js';
import { dateBound } from './dates.js';
import { closest } from './edit-distance.js';
import type { ParsedQuery, QueryAtom, QueryClause } from './types.js';

/** Filter names a query may use, and the option each sets. */
const FILTERS = {
  source: 'source',
  project: 'project',
  machine: 'machine',
  user: 'user',
  model: 'model',
  tool: 'tool',
  branch: 'branch',
  role: 'role',
  after: 'since',
  since: 'since',
  before: 'until',
  until: 'until',
} as const satisfies Record<string, keyof FilterOptions>;
type FilterName = keyof typeof FILTERS;

export const FILTER_NAMES = Object.keys(FILTERS) as FilterName[];

/** Words people write as filters that convx spells otherwise: an error that names the right one. */
const LOOKALIKES: Record<string, FilterName> = {
  agent: 'source',
  tool_name: 'tool',
  cwd: 'project',
  repo: 'project',
  dir: 'project',
  folder: 'project',
  host: 'machine',
  hostname: 'machine',
  author: 'user',
  date: 'after',
  from: 'after',
  to: 'before',
};

const isFilterName = (name: string): name is FilterName => Object.hasOwn(FILTERS, name);

/**
 * Parses the query language: words (all must match), `"exact phrases"`, `-word` / `-"phrase"` to exclude,
 * `a OR b`, `prefix*`, and filters (`source:claude,codex project:api after:2026-01-01`, quoted values
 * allowed: `project:"my app"`). Anything else is text: no input is a syntax error. A `name:value` whose name
 * is not a filter is text (`localhost:3000`, `TODO:`) unless the name looks like a misspelt filter
 * (`sorce:`), which throws a QueryError naming it; a bad filter value (`after:soon`, `role:bot`) throws too.
 */
export function parseQuery(query: string): ParsedQuery {
  const clauses: QueryClause[] = [];
  const filters: FilterOptions = {};
  let joinNext = false;
  for (const token of scan(query)) {
    if (token.kind === 'or') {
      // `a OR b`: the next clause joins the previous one, when both are positive.
      const previous = clauses.at(-1);
      joinNext = previous !== undefined && !previous.negated;
      continue;
    }
    if (token.kind === 'filter') {
      applyFilter(filters, token.name, token.value);
      joinNext = false;
      continue;
    }
    const previous = clauses.at(-1);
    if (joinNext && previous && !token.negated) previous.anyOf.push(token.atom);
    else clauses.push({ anyOf: [token.atom], negated: token.negated });
    joinNext = false;
  }
  const terms = clauses.filter((c) => !c.negated).flatMap((c) => c.anyOf.map((a) => a.text));
  return { clauses, filters, terms };
}

type Token =
  | { kind: 'or' }
  | { kind: 'filter'; name: FilterName; value: string }
  | { kind: 'atom'; atom: QueryAtom; negated: boolean };

function* scan(query: string): Generator<Token> {
  let i = 0;
  const n = query.length;
  const isSpace = (c: string | undefined) => c !== undefined && /\s/u.test(c);
  while (i < n) {
    while (i < n && isSpace(query[i])) i++;
    if (i >= n) break;
    let negated = false;
    if (query[i] === '-' && i + 1 < n && !isSpace(query[i + 1]) && query[i + 1] !== '-') {
      negated = true;
      i++;
    }
    if (query[i] === '"') {
      const end = query.indexOf('"', i + 1);
      const text = query.slice(i + 1, end === -1 ? n : end);
      i = end === -1 ? n : end + 1;
      if (text.trim()) yield { kind: 'atom', atom: { type: 'phrase', text: text.trim() }, negated };
      continue;
    }
    let start = i;
    while (i < n && !isSpace(query[i])) i++;
    let word = query.slice(start, i);
    const filter = /^([A-Za-z_]+):(.*)$/su.exec(word);
    if (filter && !negated) {
      const name = (filter[1] ?? '').toLowerCase();
      let value = filter[2] ?? '';
      if (value.startsWith('"')) {
        // A quoted value may hold spaces: read on to the closing quote.
        start += (filter[1] ?? '').length + 2;
        const end = query.indexOf('"', start);
        value = query.slice(start, end === -1 ? n : end);
        i = end === -1 ? n : end + 1;
      }
      if (isFilterName(name)) {
        yield { kind: 'filter', name, value };
        continue;
      }
      if (looksLikeFilter(name, value)) {
        const suggestion = LOOKALIKES[name] ?? closest(name, FILTER_NAMES, 2);
        throw new QueryError(
          'UNKNOWN_FILTER',
          `Unknown filter "${name}:"${suggestion ? `; did you mean "${suggestion}:"?` : '.'} The filters are ${FILTER_NAMES.join(', ')}.`,
        );
      }
      word = query.slice(start, i);
    }
    if (word === 'OR' && !negated) {
      yield { kind: 'or' };
      continue;
    }
    const prefix = /[^*]\*+$/u.test(word);
    const text = prefix ? word.replace(/\*+$/u, '') : word;
    yield { kind: 'atom', atom: { type: prefix ? 'prefix' : 'word', text }, negated };
  }
}

/** `sorce:claude`, `cwd:~/app`: a misspelt or borrowed filter name with a value; not `localhost:3000`. */
function looksLikeFilter(name: string, value: string): boolean {
  if (value === '' || value.startsWith(':')) return false;
  if (Object.hasOwn(LOOKALIKES, name)) return true;
  if (value.startsWith('/')) return false;
  return name.length >= 4 && closest(name, FILTER_NAMES, name.length >= 6 ? 2 : 1) !== undefined;
}

const ROLES = ['user', 'assistant'] as const;

function applyFilter(filters: FilterOptions, name: FilterName, raw: string): void {
  const value = raw.trim();
  if (value === '') {
    throw new QueryError(
      'INVALID_FILTER',
      `The filter "${name}:" needs a value, as in ${name}:${example(name)}.`,
    );
  }
  const option = FILTERS[name];
  switch (option) {
    case 'project':
      filters.project = value;
      return;
    case 'role': {
      const role = ROLES.find((r) => r === value.toLowerCase());
      if (!role) {
        throw new QueryError(
          'INVALID_FILTER',
          `"role:${value}" is not a role; use role:user or role:assistant.`,
        );
      }
      filters.role = role;
      return;
    }
    case 'since':
    case 'until':
      dateBound(value, option, `${name}:`);
      filters[option] = value;
      return;
    default: {
      const values = value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
        .map((v) => (option === 'source' ? v.toLowerCase() : v));
      filters[option] = [...(filters[option] ?? []), ...values];
    }
  }
}

function example(name: FilterName): string {
  switch (FILTERS[name]) {
    case 'since':
    case 'until':
      return '2026-03-01';
    case 'role':
      return 'user';
    case 'source':
      return 'claude';
    default:
      return 'value';
  }
}
