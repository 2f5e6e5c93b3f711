import { historySubpathProblem } from '@convx/core';
import { usageError } from '../errors.js';

/**
 * `--history-subpath` must name a folder inside the output: relative, no `..`, not the output itself, not
 * inside `.convx/` or `.git/`. Returns it normalized.
 */
export function parseHistorySubpath(value: string): string {
  const problem = historySubpathProblem(value);
  if (problem) {
    throw usageError(
      `--history-subpath ${value} ${problem}; give a folder inside the output, such as history.`,
    );
  }
  return normalizeSubpath(value);
}

/** A history folder `/`-separated, without `.` parts or trailing slashes (flag and config alike). */
export function normalizeSubpath(value: string): string {
  return value
    .split(/[\\/]+/)
    .filter((part) => part !== '' && part !== '.')
    .join('/');
}
