/** A query the user must fix (unknown filter, bad date). `message` is one plain sentence. */
export class QueryError extends Error {
  override readonly name = 'QueryError';
  readonly code: 'UNKNOWN_FILTER' | 'INVALID_FILTER';

  constructor(code: 'UNKNOWN_FILTER' | 'INVALID_FILTER', message: string) {
    super(message);
    this.code = code;
  }
}

/** True for a QueryError, also one from another copy of this package. */
export function isQueryError(error: unknown): error is QueryError {
  return error instanceof QueryError || (error instanceof Error && error.name === 'QueryError');
}
