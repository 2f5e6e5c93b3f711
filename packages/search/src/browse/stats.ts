import type { DatabaseSync } from 'node:sqlite';
import { filterSql } from '../search/filters.js';
import type { IndexStats, StatsOptions } from '../types.js';
import { values } from './facets.js';

const TOP = 50;
const LENGTHS: [bucket: string, max: number][] = [
  ['1-5', 5],
  ['6-20', 20],
  ['21-50', 50],
  ['51-200', 200],
  ['201+', Number.POSITIVE_INFINITY],
];

/**
 * Activity of the filtered sessions: totals, sessions and messages per day and source, sessions per hour of
 * the week (days and hours in `utcOffsetMinutes`, default the process's local offset), top projects,
 * models and tools, and session lengths.
 */
export function indexStats(db: DatabaseSync, options: StatsOptions = {}): IndexStats {
  const where = filterSql(options);
  const offset = Math.round(options.utcOffsetMinutes ?? -new Date().getTimezoneOffset());
  const shift = `${offset >= 0 ? '+' : '-'}${Math.abs(offset)} minutes`;
  const totals = db
    .prepare(
      `SELECT count(*) AS sessions, coalesce(sum(s.message_count), 0) AS messages, min(s.started_at) AS first,
        max(s.started_at) AS last FROM sessions s WHERE ${where.sql}`,
    )
    .get(...where.params);
  const byDay = db
    .prepare(
      `SELECT strftime('%Y-%m-%d', s.started_at, ?) AS day, s.source AS source, count(*) AS sessions,
        sum(s.message_count) AS messages FROM sessions s WHERE ${where.sql} AND s.started_at IS NOT NULL
       GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all(shift, ...where.params)
    .map((r) => ({
      day: String(r.day),
      source: String(r.source),
      sessions: Number(r.sessions),
      messages: Number(r.messages),
    }));
  const byHourOfWeek = db
    .prepare(
      `SELECT (CAST(strftime('%w', s.started_at, ?1) AS INTEGER) + 6) % 7 AS weekday,
        CAST(strftime('%H', s.started_at, ?1) AS INTEGER) AS hour, count(*) AS sessions
       FROM sessions s WHERE ${where.sql} AND s.started_at IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all(shift, ...where.params)
    .map((r) => ({ weekday: Number(r.weekday), hour: Number(r.hour), sessions: Number(r.sessions) }));
  const lengths = new Map(LENGTHS.map(([bucket]) => [bucket, 0]));
  for (const r of db
    .prepare(`SELECT s.message_count AS n, count(*) AS c FROM sessions s WHERE ${where.sql} GROUP BY 1`)
    .all(...where.params)) {
    const bucket = LENGTHS.find(([, max]) => Number(r.n) <= max)?.[0] ?? '201+';
    lengths.set(bucket, (lengths.get(bucket) ?? 0) + Number(r.c));
  }
  return {
    sessions: Number(totals?.sessions ?? 0),
    messages: Number(totals?.messages ?? 0),
    first: typeof totals?.first === 'string' ? totals.first : null,
    last: typeof totals?.last === 'string' ? totals.last : null,
    byDay,
    byHourOfWeek,
    projects: values(
      db,
      `SELECT s.project AS value, count(*) AS count FROM sessions s WHERE ${where.sql} AND s.project IS NOT NULL
       GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${TOP}`,
      where.params,
    ),
    models: values(
      db,
      `SELECT m.value AS value, count(DISTINCT s.id) AS count FROM sessions s, json_each(s.models) m
       WHERE ${where.sql} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${TOP}`,
      where.params,
    ),
    tools: values(
      db,
      `SELECT t.name AS value, sum(t.calls) AS count FROM sessions s JOIN session_tools t ON t.session = s.id
       WHERE ${where.sql} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${TOP}`,
      where.params,
    ),
    lengths: [...lengths].map(([bucket, count]) => ({ bucket, count })),
  };
}
