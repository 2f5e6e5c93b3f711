import type { DatabaseSync } from 'node:sqlite';
import { filterSql } from '../search/filters.js';
import { SESSION_COLUMNS, toSummary } from '../search/rows.js';
import type { ListOptions, SessionPage, SessionSummary } from '../types.js';

/** Sessions matching the filters, newest (or oldest) first; sessions without a start time last. */
export function listSessions(db: DatabaseSync, options: ListOptions = {}): SessionPage {
  const where = filterSql(options);
  const limit = Math.max(0, Math.floor(options.limit ?? 50));
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const direction = options.sort === 'oldest' ? 'ASC' : 'DESC';
  const total = Number(
    db.prepare(`SELECT count(*) AS n FROM sessions s WHERE ${where.sql}`).get(...where.params)?.n ?? 0,
  );
  const rows = db
    .prepare(
      `SELECT ${SESSION_COLUMNS} FROM sessions s WHERE ${where.sql}
       ORDER BY s.started_at IS NULL, s.started_at ${direction}, s.id ${direction} LIMIT ? OFFSET ?`,
    )
    .all(...where.params, limit, offset);
  return { sessions: rows.map(toSummary), total };
}

/** One session by its key; when two twins hold the same key (two history folders), the newest export. */
export function getSession(db: DatabaseSync, key: string): SessionSummary | undefined {
  const row = db
    .prepare(`SELECT ${SESSION_COLUMNS} FROM sessions s WHERE s.key = ? ORDER BY s.twin_mtime DESC LIMIT 1`)
    .get(key);
  return row ? toSummary(row) : undefined;
}
