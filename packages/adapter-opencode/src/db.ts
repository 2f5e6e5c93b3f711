import type { DatabaseSync, SQLOutputValue } from 'node:sqlite';
import { asRecord, assignDefined, openSourceTables, type SourceTables } from '@convx/core';
import type { OcMessage, OcPart, OcSessionData, OcSessionInfo } from './types.js';

// The only tables convx reads. Account, credential and every other table are never queried.
type Table = 'session' | 'message' | 'part';

/** Columns each table must have for the database to be read at all. */
const REQUIRED: Record<Table, string[]> = {
  session: ['id'],
  message: ['id', 'session_id', 'data'],
  part: ['id', 'message_id', 'data'],
};

export type OcDatabase = SourceTables<Table>;

/**
 * Opens the database read-only through core's `openSourceTables` (nothing is created, changed or locked
 * beside it, data only in the `-wal` file included) and checks its schema; throws a plain message when it
 * cannot be read.
 */
export function openDatabase(path: string): OcDatabase {
  return openSourceTables(path, REQUIRED, 'an OpenCode database');
}

/** One row of the discovery query: enough to fingerprint a session without loading its parts. */
export interface OcSessionStamp {
  id: string;
  parentId?: string;
  /** The session's own `time_updated` (ms), when the schema has it: which of two copies is fresher. */
  updated?: number;
  stamp: string;
}

/**
 * Lists every session with a fingerprint made of its update time and the count and latest update of its
 * messages and parts — one aggregate query, whatever the number of sessions.
 */
export function listSessions(ocdb: OcDatabase): OcSessionStamp[] {
  const { columns } = ocdb;
  const col = (table: Table, name: string, alias: string) =>
    columns[table].has(name) ? `${alias}.${name}` : 'NULL';
  const partsBySession = columns.part.has('session_id')
    ? `SELECT session_id AS sid, count(*) AS n, max(${col('part', 'time_updated', 'part')}) AS u
         FROM part GROUP BY session_id`
    : `SELECT m.session_id AS sid, count(*) AS n, max(${col('part', 'time_updated', 'part')}) AS u
         FROM part JOIN message m ON m.id = part.message_id GROUP BY m.session_id`;
  const sql = `
    SELECT s.id AS id, ${col('session', 'parent_id', 's')} AS parent_id,
           ${col('session', 'time_updated', 's')} AS updated,
           coalesce(mc.n, 0) AS messages, mc.u AS messages_updated,
           coalesce(pc.n, 0) AS parts, pc.u AS parts_updated
      FROM session s
      LEFT JOIN (SELECT session_id AS sid, count(*) AS n, max(${col('message', 'time_updated', 'message')}) AS u
                   FROM message GROUP BY session_id) mc ON mc.sid = s.id
      LEFT JOIN (${partsBySession}) pc ON pc.sid = s.id
     ORDER BY s.id`;
  return ocdb.source.read((db) =>
    db
      .prepare(sql)
      .all()
      .map((row) => {
        const stamp = [row.updated, row.messages, row.messages_updated, row.parts, row.parts_updated]
          .map((v) => (v === null || v === undefined ? '-' : String(v)))
          .join(':');
        const parentId = text(row.parent_id);
        const updated = sqlNumber(row.updated);
        return {
          id: String(row.id),
          ...(parentId ? { parentId } : {}),
          ...(updated !== undefined ? { updated } : {}),
          stamp,
        };
      }),
  );
}

/** Reads one session: its row, its messages (one query) and all its parts (one query). */
export function readSession(ocdb: OcDatabase, id: string): OcSessionData | undefined {
  return ocdb.source.read((db) => readSessionRows(db, ocdb.columns, id));
}

function readSessionRows(
  db: DatabaseSync,
  columns: Record<Table, Set<string>>,
  id: string,
): OcSessionData | undefined {
  const pick = (table: Table, wanted: string[]) => wanted.filter((c) => columns[table].has(c));
  const sessionCols = pick('session', [
    'id',
    'parent_id',
    'project_id',
    'directory',
    'title',
    'version',
    'time_created',
    'time_updated',
  ]);
  const row = db.prepare(`SELECT ${sessionCols.join(', ')} FROM session WHERE id = ?`).get(id);
  if (!row) return undefined;
  const info: OcSessionInfo = { id };
  assignDefined(info, {
    parentId: text(row.parent_id),
    projectId: text(row.project_id),
    directory: text(row.directory),
    title: text(row.title),
    version: text(row.version),
    timeCreated: sqlNumber(row.time_created),
    timeUpdated: sqlNumber(row.time_updated),
  });

  const created = columns.message.has('time_created');
  const messageRows = db
    .prepare(
      `SELECT id, data${created ? ', time_created' : ''} FROM message WHERE session_id = ?
        ORDER BY ${created ? 'time_created, ' : ''}id`,
    )
    .all(id);
  const messages: OcMessage[] = messageRows.map((r) => {
    const message: OcMessage = { id: String(r.id), data: json(r.data) };
    const t = sqlNumber(r.time_created);
    if (t !== undefined) message.timeCreated = t;
    return message;
  });

  const partFilter = columns.part.has('session_id')
    ? 'session_id = ?'
    : 'message_id IN (SELECT id FROM message WHERE session_id = ?)';
  const partOrder = columns.part.has('time_created') ? 'time_created, id' : 'id';
  const parts: OcPart[] = db
    .prepare(`SELECT id, message_id, data FROM part WHERE ${partFilter} ORDER BY ${partOrder}`)
    .all(id)
    .map((r) => ({ id: String(r.id), messageId: String(r.message_id), data: json(r.data) }));
  return { info, messages, parts };
}

function json(value: SQLOutputValue | undefined): Record<string, unknown> {
  if (typeof value !== 'string') return {};
  try {
    const parsed: unknown = JSON.parse(value);
    return asRecord(parsed) ?? {};
  } catch {
    return { $malformed: true };
  }
}

function text(value: SQLOutputValue | undefined): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/** A column's number: SQLite hands big integers over as bigint. */
function sqlNumber(value: SQLOutputValue | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return undefined;
}
