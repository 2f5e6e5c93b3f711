import { dateBound } from '../query/dates.js';
import type { FilterOptions } from '../types.js';

/** A WHERE condition over `sessions AS s`, with its parameters. */
export interface SqlCondition {
  sql: string;
  params: (string | number)[];
}

/** LIKE pattern text with its wildcards escaped (for `ESCAPE '\'`). */
export const likeEscape = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

const list = (values: readonly string[] | undefined) =>
  (values ?? []).map((v) => v.trim()).filter((v) => v !== '');

/**
 * The session filters as SQL over `sessions AS s`. Every list is "any of"; different filters must all hold.
 * Several filter sets (the options and the filters written in the query) all apply. `role` is not a session
 * filter: it selects the columns a query matches in.
 */
export function filterSql(...sets: (FilterOptions | undefined)[]): SqlCondition {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  const anyOf = (column: string, values: string[]) => {
    if (values.length === 0) return;
    parts.push(`${column} COLLATE NOCASE IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  for (const filters of sets) {
    if (!filters) continue;
    anyOf('s.source', list(filters.source));
    anyOf('s.machine', list(filters.machine));
    anyOf('s.user', list(filters.user));
    anyOf('s.branch', list(filters.branch));
    const project = filters.project?.trim();
    if (project) {
      // A path prefix or any part of it; `\` and `/` alike, so a Windows cwd matches either spelling.
      parts.push("replace(s.project, '\\', '/') LIKE ? ESCAPE '\\'");
      params.push(`%${likeEscape(project.replaceAll('\\', '/'))}%`);
    }
    const models = list(filters.model);
    if (models.length > 0) {
      parts.push(
        `EXISTS (SELECT 1 FROM json_each(s.models) m WHERE ${models.map(() => "m.value LIKE ? ESCAPE '\\'").join(' OR ')})`,
      );
      params.push(...models.map((m) => `%${likeEscape(m)}%`));
    }
    const tools = list(filters.tool);
    if (tools.length > 0) {
      parts.push(
        `EXISTS (SELECT 1 FROM session_tools t WHERE t.session = s.id AND t.name COLLATE NOCASE IN (${tools.map(() => '?').join(', ')}))`,
      );
      params.push(...tools);
    }
    if (filters.since?.trim()) {
      parts.push('s.started_at >= ?');
      params.push(dateBound(filters.since, 'since'));
    }
    if (filters.until?.trim()) {
      parts.push('s.started_at < ?');
      params.push(dateBound(filters.until, 'until'));
    }
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

/** The role filter of the option sets: the query's own wins over the options'. */
export function roleOf(...sets: (FilterOptions | undefined)[]): 'user' | 'assistant' | undefined {
  let role: 'user' | 'assistant' | undefined;
  for (const filters of sets) if (filters?.role) role = filters.role;
  return role;
}
