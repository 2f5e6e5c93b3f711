import type { FilterOptions } from '../types.js';

/**
 * One thing a query looks for. `word`: a word as typed (punctuation inside it — `foo.bar`, `snake_case`,
 * `src/app.ts` — makes it match those parts next to each other); `phrase`: `"exact words"` in this order;
 * `prefix`: `pars*`, any word starting with it.
 */
export interface QueryAtom {
  type: 'word' | 'phrase' | 'prefix';
  text: string;
}

/** A clause: any of its atoms (more than one when joined by `OR`); `negated` (`-word`): none of them. */
export interface QueryClause {
  anyOf: QueryAtom[];
  negated: boolean;
}

/** What `parseQuery` makes of a query: every clause must match, within the filters. */
export interface ParsedQuery {
  clauses: QueryClause[];
  /** Filters written in the query (`source:claude after:2026-01-01`). */
  filters: FilterOptions;
  /** The texts of the atoms that are not negated, for highlighting matches. */
  terms: string[];
}
