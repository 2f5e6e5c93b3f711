// Public API of @convx/search (the contract: docs/search.md).

export { isQueryError, QueryError } from './errors.js';
export { indexPath, openIndex } from './open.js';
export { parseQuery } from './query/parse.js';
export type { ParsedQuery, QueryAtom, QueryClause } from './query/types.js';
export type * from './types.js';
