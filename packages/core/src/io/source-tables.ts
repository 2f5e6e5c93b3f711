import type { DatabaseSync } from 'node:sqlite';
import { openSourceDatabase, type SourceDatabase } from './source-database.js';

/** A source database opened for reading, with the columns its tables actually have. */
export interface SourceTables<Table extends string> {
  source: SourceDatabase;
  columns: Record<Table, Set<string>>;
  close(): void;
}

/**
 * Opens an application's SQLite database read-only ({@link openSourceDatabase}) and checks its schema: every
 * table in `required` must exist with the listed columns. The columns found are returned, so a query can
 * adapt to the schema's generation. Throws a plain sentence otherwise (`no \`part\` table (not an OpenCode
 * database?)`), with the database closed.
 * @param kind what the database should be, for the message: `an OpenCode database`.
 */
export function openSourceTables<Table extends string>(
  path: string,
  required: Readonly<Record<Table, readonly string[]>>,
  kind: string,
): SourceTables<Table> {
  const source = openSourceDatabase(path);
  try {
    const columns = source.read((db) => columnsOf(db, required, kind));
    return { source, columns, close: () => source.close() };
  } catch (error) {
    source.close();
    throw error;
  }
}

function columnsOf<Table extends string>(
  db: DatabaseSync,
  required: Readonly<Record<Table, readonly string[]>>,
  kind: string,
): Record<Table, Set<string>> {
  const columns = {} as Record<Table, Set<string>>;
  for (const table of Object.keys(required) as Table[]) {
    const rows = db.prepare(`PRAGMA table_info(${table})`).all();
    if (rows.length === 0) throw new Error(`no \`${table}\` table (not ${kind}?)`);
    const found = new Set(rows.map((r) => String(r.name)));
    columns[table] = found;
    const missing = required[table].filter((c) => !found.has(c));
    if (missing.length) throw new Error(`table \`${table}\` lacks column(s) ${missing.join(', ')}`);
  }
  return columns;
}
