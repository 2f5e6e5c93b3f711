import { QueryError } from '../errors.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A `since`/`until` value as the ISO instant sessions' start times are compared with. A date is a local
 * day: `since` its first moment (inclusive), `until` the first moment of the next day (exclusive). A
 * date-time without a zone is local time too.
 */
export function dateBound(value: string, bound: 'since' | 'until', name: string = bound): string {
  const text = value.trim();
  const day = DATE.exec(text);
  let time: Date | undefined;
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]) - 1, Number(day[3])];
    const local = new Date(year, month, date + (bound === 'until' ? 1 : 0));
    if (isRealDate(year, month, date)) time = local;
  } else if (DATE_TIME.test(text)) {
    const parsed = new Date(text.replace(' ', 'T'));
    if (!Number.isNaN(parsed.getTime())) time = parsed;
  }
  if (!time) {
    throw new QueryError(
      'INVALID_FILTER',
      `"${value}" is not a date for ${name}; write it as YYYY-MM-DD (or an ISO date-time such as 2026-03-01T14:30).`,
    );
  }
  return time.toISOString();
}

function isRealDate(year: number, month: number, date: number): boolean {
  const check = new Date(Date.UTC(year, month, date));
  return check.getUTCFullYear() === year && check.getUTCMonth() === month && check.getUTCDate() === date;
}
