import type { DatabaseSync } from 'node:sqlite';
import { filterSql } from '../search/filters.js';
import type { Facets, FacetValue, FilterOptions } from '../types.js';

/** Values listed per facet at most (projects, models and tools can be many). */
const MAX_VALUES = 200;

/** How many of the filtered sessions hold each source, project, machine, user, model and tool; most first. */
export function facets(db: DatabaseSync, options: FilterOptions = {}): Facets {
  const where = filterSql(options);
  const column = (name: string) =>
    values(
      db,
      `SELECT ${name} AS value, count(*) AS count FROM sessions s WHERE ${where.sql} AND ${name} IS NOT NULL
       GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${MAX_VALUES}`,
      where.params,
    );
  return {
    source: column('s.source'),
    project: column('s.project'),
    machine: column('s.machine'),
    user: column('s.user'),
    model: values(
      db,
      `SELECT m.value AS value, count(DISTINCT s.id) AS count FROM sessions s, json_each(s.models) m
       WHERE ${where.sql} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${MAX_VALUES}`,
      where.params,
    ),
    tool: values(
      db,
      `SELECT t.name AS value, count(*) AS count FROM sessions s JOIN session_tools t ON t.session = s.id
       WHERE ${where.sql} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${MAX_VALUES}`,
      where.params,
    ),
  };
}

export function values(db: DatabaseSync, sql: string, params: (string | number)[]): FacetValue[] {
  return db
    .prepare(sql)
    .all(...params)
    .map((r) => ({ value: String(r.value), count: Number(r.count) }));
}
