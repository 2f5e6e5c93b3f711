import type { FacetValue, IndexStats } from '@convx/search';
import { type Bucket, DAY, iso, parseDay } from '../lib/buckets.js';
import { count } from '../lib/format.js';

// Plain SVG charts: a few hundred lines cheaper than a chart library, drawn by the browser, styled by CSS
// (`.src-<source>` in styles.css), and every mark a real element that can be clicked and tested.

const sourceClass = (source: string) => `source-fill src-${source}`;

/** Sessions over time, stacked by source; a click on a segment lists that source in that period. */
export function ActivityChart({
  buckets,
  onPick,
}: {
  buckets: Bucket[];
  onPick(bucket: Bucket, source: string | null): void;
}) {
  const width = 960;
  const height = 200;
  const max = Math.max(1, ...buckets.map((b) => b.total));
  const step = width / Math.max(1, buckets.length);
  const bar = Math.max(1, step * 0.8);
  const labelEvery = Math.ceil(buckets.length / 8);
  return (
    <svg
      class="chart activity"
      viewBox={`0 0 ${width} ${height + 24}`}
      role="img"
      aria-label="Sessions over time by source"
    >
      {buckets.map((bucket, i) => {
        let y = height;
        return (
          <g key={bucket.start}>
            {[...bucket.bySource.entries()].map(([source, sessions]) => {
              const h = (sessions / max) * height;
              y -= h;
              return (
                // biome-ignore lint/a11y/noStaticElementInteractions: a pointer shortcut; the filter panel sets the same filters by keyboard
                <rect
                  key={source}
                  class={`bar ${sourceClass(source)}`}
                  x={i * step}
                  y={y}
                  width={bar}
                  height={Math.max(h, 0.5)}
                  data-source={source}
                  data-start={bucket.start}
                  onClick={() => onPick(bucket, source)}
                >
                  <title>{`${bucket.label}: ${sessions} ${source} session${sessions === 1 ? '' : 's'} (${bucket.total} in all)`}</title>
                </rect>
              );
            })}
            {i % labelEvery === 0 ? (
              <text class="axis" x={i * step} y={height + 16}>
                {bucket.label}
              </text>
            ) : null}
          </g>
        );
      })}
      <text class="axis" x={width} y={12} text-anchor="end">
        {max}
      </text>
    </svg>
  );
}

export function SourceLegend({ sources }: { sources: string[] }) {
  return (
    <ul class="legend">
      {sources.map((source) => (
        <li key={source}>
          <svg width="10" height="10" aria-hidden="true">
            <rect class={sourceClass(source)} width="10" height="10" />
          </svg>
          {source}
        </li>
      ))}
    </ul>
  );
}

/** Level 0–4 of a count against the largest, for heat colours. */
const level = (value: number, max: number) =>
  value === 0 ? 0 : Math.min(4, 1 + Math.floor((value / max) * 3.999));

/** The last 53 weeks as a calendar, a square per day; a click lists that day. */
export function CalendarHeatmap({
  byDay,
  onPick,
}: {
  byDay: IndexStats['byDay'];
  onPick(day: string): void;
}) {
  const perDay = new Map<string, number>();
  for (const entry of byDay) perDay.set(entry.day, (perDay.get(entry.day) ?? 0) + entry.sessions);
  const lastDay = [...perDay.keys()].sort().at(-1) ?? iso(Date.now());
  const end = parseDay(lastDay);
  const firstMonday = end - ((new Date(end).getUTCDay() + 6) % 7) * DAY - 52 * 7 * DAY;
  const max = Math.max(1, ...perDay.values());
  const cell = 13;
  const cells = [];
  for (let time = firstMonday; time <= end; time += DAY) {
    const index = Math.round((time - firstMonday) / DAY);
    const day = iso(time);
    const sessions = perDay.get(day) ?? 0;
    cells.push(
      // biome-ignore lint/a11y/noStaticElementInteractions: a pointer shortcut; the date filter sets the same by keyboard
      <rect
        key={day}
        class={`cell heat-${level(sessions, max)}`}
        x={Math.floor(index / 7) * cell + 28}
        y={(index % 7) * cell + 14}
        width={cell - 2}
        height={cell - 2}
        rx="2"
        data-day={day}
        onClick={() => onPick(day)}
      >
        <title>{`${day}: ${sessions} session${sessions === 1 ? '' : 's'}`}</title>
      </rect>,
    );
  }
  return (
    <svg
      class="chart calendar"
      viewBox={`0 0 ${53 * cell + 30} ${7 * cell + 16}`}
      role="img"
      aria-label="Sessions per day, last 53 weeks"
    >
      {['Mon', 'Wed', 'Fri'].map((name, i) => (
        <text key={name} class="axis" x="0" y={i * 2 * cell + 24}>
          {name}
        </text>
      ))}
      {cells}
    </svg>
  );
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** When sessions start: weekday by hour (in the viewer's time zone). */
export function HourOfWeek({ cells }: { cells: IndexStats['byHourOfWeek'] }) {
  const max = Math.max(1, ...cells.map((c) => c.sessions));
  const size = 16;
  const at = new Map(cells.map((c) => [`${c.weekday}:${c.hour}`, c.sessions]));
  return (
    <svg
      class="chart hours"
      viewBox={`0 0 ${24 * size + 34} ${7 * size + 18}`}
      role="img"
      aria-label="Sessions by weekday and hour"
    >
      {WEEKDAYS.map((name, weekday) => (
        <g key={name}>
          <text class="axis" x="0" y={weekday * size + 12}>
            {name}
          </text>
          {Array.from({ length: 24 }, (_, hour) => {
            const sessions = at.get(`${weekday}:${hour}`) ?? 0;
            return (
              <rect
                key={hour}
                class={`cell heat-${level(sessions, max)}`}
                x={hour * size + 32}
                y={weekday * size}
                width={size - 2}
                height={size - 2}
                rx="2"
              >
                <title>{`${name} ${hour}:00–${hour + 1}:00: ${sessions} session${sessions === 1 ? '' : 's'}`}</title>
              </rect>
            );
          })}
        </g>
      ))}
      {[0, 6, 12, 18].map((hour) => (
        <text key={hour} class="axis" x={hour * size + 32} y={7 * size + 14}>
          {hour}h
        </text>
      ))}
    </svg>
  );
}

/** Horizontal bars of named counts (projects, models, tools, lengths); clickable when `onPick` is given. */
export function BarList({
  items,
  onPick,
  unit,
}: {
  items: FacetValue[];
  onPick?: (value: string) => void;
  unit: 'session' | 'call';
}) {
  const max = Math.max(1, ...items.map((i) => i.count));
  return (
    <ul class="barlist">
      {items.map((item) => {
        const content = (
          <>
            <span class="barlist-bar" style={{ width: `${(item.count / max) * 100}%` }} />
            <span class="barlist-label" title={item.value}>
              {item.value}
            </span>
            <span class="count">{count(item.count, unit)}</span>
          </>
        );
        return (
          <li key={item.value}>
            {onPick ? (
              <button type="button" class="barlist-row" onClick={() => onPick(item.value)}>
                {content}
              </button>
            ) : (
              <div class="barlist-row">{content}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
