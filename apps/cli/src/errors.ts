import { ConvxError, describeError, isConvxError } from '@convx/core';

/** Exit codes, documented in `convx --help` and the README. */
export const EXIT = {
  ok: 0,
  /**
   * The run finished, but at least one session or source entry could not be exported, or committing or
   * pushing what it wrote failed.
   */
  failures: 1,
  /**
   * Bad flags, a missing or unusable output folder (a symbolic link in its state or history folders), an
   * unknown source, a missing input path.
   */
  usage: 2,
  /** Another convx run holds the output's lock. */
  locked: 3,
  /** Something unexpected stopped the run (a bug, or an I/O error outside any one session). */
  internal: 4,
  /** Interrupted with Ctrl-C or SIGTERM; the next run resumes. */
  interrupted: 130,
} as const;

/** A mistake in how convx was called: one plain sentence, exit code 2, never a stack trace. */
export function usageError(message: string): ConvxError {
  return new ConvxError('INVALID_OPTION', message);
}

export function isAbortError(error: unknown): boolean {
  return (
    (isConvxError(error) && error.code === 'ABORTED') ||
    (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))
  );
}

export function exitCodeOf(error: unknown): number {
  if (isAbortError(error)) return EXIT.interrupted;
  if (!isConvxError(error)) return EXIT.internal;
  switch (error.code) {
    case 'OUTPUT_LOCKED':
      return EXIT.locked;
    case 'OUTPUT_NOT_A_REPO':
    case 'OUTPUT_NOT_WRITABLE':
    case 'OUTPUT_SYMLINK':
    case 'UNKNOWN_SOURCE':
    case 'SOURCE_NOT_FOUND':
    case 'INVALID_OPTION':
    // A community adapter or renderer that does not load or keep the contract: the user's setup to fix.
    case 'INVALID_ADAPTER':
    case 'INVALID_RENDERER':
      return EXIT.usage;
    case 'GIT_FAILED':
      return EXIT.failures;
    case 'ABORTED':
      return EXIT.interrupted;
    case 'INVALID_SESSION':
      return EXIT.internal;
  }
}

/**
 * The lines to print for an error that stopped a command. Mistakes a person can fix are one sentence;
 * anything else is one line plus a pointer to --verbose, which adds the stack.
 */
export function errorLines(error: unknown, verbose: boolean): string[] {
  if (isAbortError(error)) return ['Interrupted; files already written are kept and the next run resumes.'];
  if (isConvxError(error)) {
    const lines = [error.message];
    if (verbose && error.cause) lines.push(`cause: ${describeError(error.cause)}`);
    return lines;
  }
  const lines = [`Unexpected error: ${describeError(error)}`];
  if (verbose) {
    if (error instanceof Error && error.stack) lines.push(error.stack);
  } else {
    lines.push('Run with --verbose for details.');
  }
  return lines;
}
