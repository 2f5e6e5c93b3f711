import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { COLUMNS } from '../text/columns.js';
import { SESSION_SHIFT } from './schema.js';

/** The statements an update runs for every session and message, prepared once per database. */
export class WriteStatements {
  readonly insertSession: StatementSync;
  readonly finishSession: StatementSync;
  readonly insertSpans: StatementSync;
  readonly sessionByTwin: StatementSync;
  /** One full-text row: rowid, then every column. */
  readonly insertChunk: StatementSync;
  readonly insertTitle: StatementSync;
  readonly insertTool: StatementSync;
  private readonly deleteStatements: StatementSync[];
  private readonly deleteText: StatementSync;

  constructor(readonly db: DatabaseSync) {
    this.insertSession = db.prepare(
      `INSERT INTO sessions (key, source, session_id, title, project, machine, user, models, branch, started_at,
        ended_at, message_count, tool_count, path, twin_path, twin_size, twin_mtime)
       VALUES (?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?)`,
    );
    this.finishSession = db.prepare(
      'UPDATE sessions SET title = ?, message_count = ?, tool_count = ?, chunk_count = ? WHERE id = ?',
    );
    this.insertSpans = db.prepare('INSERT INTO session_spans (id, chunks, spans) VALUES (?, ?, ?)');
    this.sessionByTwin = db.prepare('SELECT id, twin_size, twin_mtime FROM sessions WHERE twin_path = ?');
    this.insertChunk = db.prepare(
      `INSERT INTO fts (rowid, ${COLUMNS.join(', ')}) VALUES (?${', ?'.repeat(COLUMNS.length)})`,
    );
    this.insertTitle = db.prepare('INSERT INTO titles (rowid, title) VALUES (?, ?)');
    this.insertTool = db.prepare('INSERT INTO session_tools (session, name, calls) VALUES (?, ?, ?)');
    this.deleteText = db.prepare('DELETE FROM fts WHERE rowid BETWEEN ? AND ?');
    this.deleteStatements = [
      db.prepare('DELETE FROM titles WHERE rowid = ?'),
      db.prepare('DELETE FROM session_tools WHERE session = ?'),
      db.prepare('DELETE FROM session_spans WHERE id = ?'),
      db.prepare('DELETE FROM sessions WHERE id = ?'),
    ];
  }

  /** Removes a session and everything indexed for it (also what a failed indexing left half-done). */
  deleteSession(id: number): void {
    const first = id * 2 ** SESSION_SHIFT;
    this.deleteText.run(first, first + 2 ** SESSION_SHIFT - 1);
    for (const statement of this.deleteStatements) statement.run(id);
  }
}
