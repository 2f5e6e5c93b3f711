import { usageError } from '../errors.js';

/**
 * `--history-subpath` must name a folder inside the output: relative, no `..`. Returns it `/`-separated,
 * without `.` parts or trailing slashes.
 */
export function parseHistorySubpath(raw: string | undefined): string {
  const value = raw ?? 'history';
  if (/^([/\\]|[a-z]:)/i.test(value)) {
    throw usageError(
      `--history-subpath ${value} is absolute; give a folder inside the output, such as history.`,
    );
  }
  const parts = value.split(/[\\/]+/).filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) {
    throw usageError(`--history-subpath ${value} leaves the output folder; remove the "..".`);
  }
  if (parts.length === 0) {
    throw usageError('--history-subpath is empty; give a folder inside the output, such as history.');
  }
  return parts.join('/');
}
