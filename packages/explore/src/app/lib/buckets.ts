import type { IndexStats } from '@convx/search';

export const DAY = 86_400_000;
export const iso = (time: number) => new Date(time).toISOString().slice(0, 10);
export const parseDay = (day: string) => Date.parse(`${day}T00:00:00Z`);

export interface Bucket {
  start: string;
  end: string;
  label: string;
  bySource: Map<string, number>;
  total: number;
}

/** Days grouped into days, weeks (from Monday) or months, whichever gives at most ~120 bars. */
export function bucketize(byDay: IndexStats['byDay']): Bucket[] {
  if (!byDay.length) return [];
  const days = byDay.map((d) => d.day).sort();
  const span = (parseDay(days.at(-1) ?? '') - parseDay(days[0] ?? '')) / DAY;
  const unit = span <= 120 ? 'day' : span <= 7 * 120 ? 'week' : 'month';
  const keyOf = (day: string): [string, string] => {
    const time = parseDay(day);
    if (unit === 'day') return [day, day];
    if (unit === 'week') {
      const monday = time - ((new Date(time).getUTCDay() + 6) % 7) * DAY;
      return [iso(monday), iso(monday + 6 * DAY)];
    }
    const date = new Date(time);
    const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0));
    return [`${day.slice(0, 7)}-01`, iso(last.getTime())];
  };
  const buckets = new Map<string, Bucket>();
  for (const entry of byDay) {
    const [start, end] = keyOf(entry.day);
    let bucket = buckets.get(start);
    if (!bucket) {
      bucket = {
        start,
        end,
        label: unit === 'month' ? start.slice(0, 7) : start,
        bySource: new Map(),
        total: 0,
      };
      buckets.set(start, bucket);
    }
    bucket.bySource.set(entry.source, (bucket.bySource.get(entry.source) ?? 0) + entry.sessions);
    bucket.total += entry.sessions;
  }
  // Periods without sessions are bars of zero: the time axis stays even.
  const sorted = [...buckets.values()].sort((a, b) => a.start.localeCompare(b.start));
  const filled: Bucket[] = [];
  for (const bucket of sorted) {
    const previous = filled.at(-1);
    if (previous) {
      for (let day = iso(parseDay(previous.end) + DAY); day < bucket.start && filled.length < 5000; ) {
        const [start, end] = keyOf(day);
        filled.push({
          start,
          end,
          label: unit === 'month' ? start.slice(0, 7) : start,
          bySource: new Map(),
          total: 0,
        });
        day = iso(parseDay(end) + DAY);
      }
    }
    filled.push(bucket);
  }
  return filled;
}
