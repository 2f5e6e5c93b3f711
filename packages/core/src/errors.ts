/** Machine-readable codes for every error convx raises on purpose. */
export type ConvxErrorCode =
  | 'INVALID_ADAPTER'
  | 'INVALID_RENDERER'
  | 'OUTPUT_NOT_A_REPO'
  | 'OUTPUT_NOT_WRITABLE'
  | 'OUTPUT_LOCKED'
  /** A symbolic link where convx keeps its state or writes the history: nothing is followed. */
  | 'OUTPUT_SYMLINK'
  | 'UNKNOWN_SOURCE'
  | 'SOURCE_NOT_FOUND'
  | 'INVALID_SESSION'
  | 'INVALID_OPTION'
  /** A git step after a run (commit, fetch, push) failed; what the run wrote is kept. */
  | 'GIT_FAILED'
  | 'ABORTED';

/**
 * An error meant for a person: `message` is one plain sentence saying what is wrong and what to do. The CLI
 * prints it without a stack trace. `source` names the adapter or package involved, when there is one.
 */
export class ConvxError extends Error {
  override readonly name = 'ConvxError';
  constructor(
    readonly code: ConvxErrorCode,
    message: string,
    readonly source?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export function isConvxError(error: unknown): error is ConvxError {
  return (
    error instanceof ConvxError || (error instanceof Error && error.name === 'ConvxError' && 'code' in error)
  );
}

/** A short, single-line description of any thrown value, for reports. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
