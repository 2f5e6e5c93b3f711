import type { SQLOutputValue } from 'node:sqlite';
import { assignDefined, openSourceTables, type SourceTables } from '@convx/core';
import type { MessageRow, SessionData, SessionRow } from './types.js';

// Only `sessions` and `messages` are read (and `goose_db_version` for the schema's generation): `files` holds
// file snapshots, not the conversation.
type Table = 'sessions' | 'messages';
const REQUIRED: Record<Table, string[]> = {
  sessions: ['id', 'parent_session_id'],
  messages: ['id', 'session_id', 'role', 'parts'],
};

export type CrushDatabase = SourceTables<Table>;

/**
 * Opens the database read-only through core's `openSourceTables` (nothing is created, changed or locked
 * beside it, data only in the `-wal` file included) and checks its schema; throws a plain message when it
 * cannot be read.
 */
export function openDatabase(path: string): CrushDatabase {
  return openSourceTables(path, REQUIRED, 'a Crush database');
}

/** A session with a fingerprint of its state: its update time and its messages' count and latest update. */
export interface SessionStamp {
  id: string;
  parentId?: string;
  stamp: string;
}

/** Every session, in one aggregate query whatever their number. */
export function listSessions(crush: CrushDatabase): SessionStamp[] {
  const has = (table: Table, column: string) => crush.columns[table].has(column);
  const sql = `
    SELECT s.id AS id, s.parent_session_id AS parent_id,
           ${has('sessions', 'updated_at') ? 's.updated_at' : 'NULL'} AS updated,
           coalesce(m.n, 0) AS messages, m.u AS messages_updated
      FROM sessions s
      LEFT JOIN (SELECT session_id AS sid, count(*) AS n,
                        max(${has('messages', 'updated_at') ? 'updated_at' : 'NULL'}) AS u
                   FROM messages GROUP BY session_id) m ON m.sid = s.id
     ORDER BY s.id`;
  return crush.source.read((db) =>
    db
      .prepare(sql)
      .all()
      .map((row) => {
        const parentId = sqlText(row.parent_id);
        const stamp = [row.updated, row.messages, row.messages_updated]
          .map((v) => (v === null || v === undefined ? '-' : String(v)))
          .join(':');
        return { id: String(row.id), ...(parentId ? { parentId } : {}), stamp };
      }),
  );
}

/** One session's row and its messages, oldest first (insertion order within a second). */
export function readSession(crush: CrushDatabase, id: string): SessionData | undefined {
  const { columns } = crush;
  const pick = (table: Table, wanted: string[]) => wanted.filter((c) => columns[table].has(c));
  return crush.source.read((db) => {
    const sessionCols = pick('sessions', [
      'id',
      'parent_session_id',
      'title',
      'prompt_tokens',
      'completion_tokens',
      'cost',
      'created_at',
      'updated_at',
      'summary_message_id',
    ]);
    const row = db.prepare(`SELECT ${sessionCols.join(', ')} FROM sessions WHERE id = ?`).get(id);
    if (!row) return undefined;
    const session: SessionRow = { id };
    assignDefined(session, {
      parentId: sqlText(row.parent_session_id),
      title: sqlText(row.title),
      promptTokens: sqlNumber(row.prompt_tokens),
      completionTokens: sqlNumber(row.completion_tokens),
      cost: sqlNumber(row.cost),
      createdAt: sqlNumber(row.created_at),
      updatedAt: sqlNumber(row.updated_at),
      summaryMessageId: sqlText(row.summary_message_id),
    });
    const messageCols = pick('messages', [
      'id',
      'role',
      'parts',
      'model',
      'provider',
      'created_at',
      'is_summary_message',
    ]);
    const order = columns.messages.has('created_at') ? 'created_at, rowid' : 'rowid';
    const messages = db
      .prepare(`SELECT ${messageCols.join(', ')} FROM messages WHERE session_id = ? ORDER BY ${order}`)
      .all(id)
      .map((r) => {
        const message: MessageRow = {
          id: String(r.id),
          role: String(r.role),
          parts: typeof r.parts === 'string' ? r.parts : '[]',
          isSummary: sqlNumber(r.is_summary_message) === 1 || String(r.id) === session.summaryMessageId,
        };
        assignDefined(message, {
          model: sqlText(r.model),
          provider: sqlText(r.provider),
          createdAt: sqlNumber(r.created_at),
        });
        return message;
      });
    return { session, messages };
  });
}

/** The newest applied goose migration: which schema generation the database is at. */
export function schemaVersion(crush: CrushDatabase): number | undefined {
  return crush.source.read((db) => {
    const table = db
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'goose_db_version'`)
      .get();
    if (!table) return undefined;
    return sqlNumber(db.prepare('SELECT max(version_id) AS v FROM goose_db_version').get()?.v);
  });
}

/** A column's text, when it has some (an empty string is no text). */
function sqlText(value: SQLOutputValue | undefined): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/** A column's number: SQLite integers may come back as `bigint`. */
function sqlNumber(value: SQLOutputValue | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return undefined;
}
