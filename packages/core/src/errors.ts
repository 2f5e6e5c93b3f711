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
  | 'ABORTED'
  /** A line of a session file is longer than the run's limit (`SyncOptions.maxLineBytes`). */
  | 'LINE_TOO_LONG'
  /** A value of a session nests deeper than convx follows (`MAX_NESTING`). */
  | 'NESTED_TOO_DEEP'
  /** A session file holds nothing readable: every line of it is malformed. */
  | 'UNREADABLE_SESSION'
  /** The disk holding the output is full (ENOSPC, or a quota: EDQUOT). */
  | 'DISK_FULL';

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
  // A ConvxError's message is already the sentence for a person; its code is for programs.
  if (isConvxError(error)) return error.message;
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

/** Error codes that mean the disk is full: no space left, or the user's quota used up. */
const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'DISK_FULL']);

/** The code of an error: a ConvxError's, a system error's, or the one a worker thread's error carried over. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether an error says the disk is full (writing more would fail the same way). */
export function isDiskFull(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && DISK_FULL_CODES.has(code);
}
