import { historySubpathProblem } from '@convx/core';
import { usageError } from '../errors.js';

/**
 * `--history-subpath` must name a folder inside the output: relative, no `..`, not the output itself, not
 * inside `.convx/` or `.git/`. Returns it `/`-separated, without `.` parts or trailing slashes.
 */
export function parseHistorySubpath(raw: string | undefined): string {
  const value = raw ?? 'history';
  const problem = historySubpathProblem(value);
  if (problem) {
    throw usageError(
      `--history-subpath ${value} ${problem}; give a folder inside the output, such as history.`,
    );
  }
  return value
    .split(/[\\/]+/)
    .filter((part) => part !== '' && part !== '.')
    .join('/');
}
