// Builds Crush databases for the committed fixtures and the tests, at a chosen schema generation, optionally
// with everything left in the write-ahead log (as a running Crush leaves it).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/** Goose migrations of charmbracelet/crush, by version, as far as convx reads them. */
const MIGRATIONS: [number, string][] = [
  [
    20250424200609,
    `CREATE TABLE sessions (id TEXT PRIMARY KEY, parent_session_id TEXT, title TEXT NOT NULL,
       message_count INTEGER NOT NULL DEFAULT 0 CHECK (message_count >= 0),
       prompt_tokens INTEGER NOT NULL DEFAULT 0 CHECK (prompt_tokens >= 0),
       completion_tokens INTEGER NOT NULL DEFAULT 0 CHECK (completion_tokens >= 0),
       cost REAL NOT NULL DEFAULT 0.0 CHECK (cost >= 0.0),
       updated_at INTEGER NOT NULL,  -- Unix timestamp in milliseconds
       created_at INTEGER NOT NULL   -- Unix timestamp in milliseconds
     );
     CREATE TABLE files (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, path TEXT NOT NULL, content TEXT NOT NULL,
       version TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
       FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE, UNIQUE(path, session_id, version));
     CREATE TABLE messages (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, role TEXT NOT NULL,
       parts TEXT NOT NULL default '[]', model TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
       finished_at INTEGER, FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE);
     CREATE INDEX idx_messages_session_id ON messages (session_id);
     CREATE TRIGGER update_session_message_count_on_insert AFTER INSERT ON messages BEGIN
       UPDATE sessions SET message_count = message_count + 1 WHERE id = new.session_id; END;
     CREATE TRIGGER update_session_message_count_on_delete AFTER DELETE ON messages BEGIN
       UPDATE sessions SET message_count = message_count - 1 WHERE id = old.session_id; END;`,
  ],
  [20250515105448, 'ALTER TABLE sessions ADD COLUMN summary_message_id TEXT;'],
  [20250627000000, 'ALTER TABLE messages ADD COLUMN provider TEXT;'],
  [20250810000000, 'ALTER TABLE messages ADD COLUMN is_summary_message INTEGER DEFAULT 0 NOT NULL;'],
  [20250812000000, 'ALTER TABLE sessions ADD COLUMN todos TEXT;'],
  [
    20260127000000,
    'CREATE TABLE read_files (session_id TEXT NOT NULL, path TEXT NOT NULL, read_at INTEGER NOT NULL, PRIMARY KEY (path, session_id));',
  ],
];

export interface PartSpec {
  type: string;
  data: Record<string, unknown>;
}
export interface MessageSpec {
  id: string;
  role: 'user' | 'assistant' | 'tool' | 'system';
  parts: PartSpec[];
  model?: string;
  provider?: string;
  /** Unix seconds. */
  at: number;
  summary?: boolean;
}
export interface SessionSpec {
  id: string;
  parent?: string;
  title: string;
  at: number;
  promptTokens?: number;
  completionTokens?: number;
  cost?: number;
  summaryMessageId?: string;
  messages: MessageSpec[];
}

/**
 * Writes `path` (and, with `walOnly`, `path-wal`: the database file then holds only the header and every
 * table and row lives in the log, never checkpointed; there is no `-shm`, as in a copied store).
 */
export function buildCrushDb(
  path: string,
  sessions: SessionSpec[],
  options: { schema: number; walOnly?: boolean },
): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
  mkdirSync(dirname(path), { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'crush-fixture-'));
  const file = join(work, 'crush.db');
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; BEGIN;');
  db.exec(`CREATE TABLE goose_db_version (id INTEGER PRIMARY KEY AUTOINCREMENT, version_id INTEGER NOT NULL,
    is_applied INTEGER NOT NULL, tstamp TIMESTAMP DEFAULT (datetime('now')));`);
  const columns = new Set<string>();
  for (const [version, sql] of MIGRATIONS) {
    if (version > options.schema) break;
    db.exec(sql);
    db.prepare('INSERT INTO goose_db_version (version_id, is_applied, tstamp) VALUES (?, 1, ?)').run(
      version,
      '2025-07-01 10:00:00',
    );
  }
  for (const row of db
    .prepare('SELECT name FROM pragma_table_info(?) UNION ALL SELECT name FROM pragma_table_info(?)')
    .all('messages', 'sessions'))
    columns.add(String(row.name));
  for (const s of sessions) {
    const last = s.messages.at(-1)?.at ?? s.at;
    db.prepare(
      `INSERT INTO sessions (id, parent_session_id, title, prompt_tokens, completion_tokens, cost, updated_at, created_at${columns.has('summary_message_id') ? ', summary_message_id' : ''})
       VALUES (?, ?, ?, ?, ?, ?, ?, ?${columns.has('summary_message_id') ? ', ?' : ''})`,
    ).run(
      s.id,
      s.parent ?? null,
      s.title,
      s.promptTokens ?? 0,
      s.completionTokens ?? 0,
      s.cost ?? 0,
      last,
      s.at,
      ...(columns.has('summary_message_id') ? [s.summaryMessageId ?? null] : []),
    );
    for (const m of s.messages) {
      const extra: [string, unknown][] = [];
      if (columns.has('provider')) extra.push(['provider', m.provider ?? null]);
      if (columns.has('is_summary_message')) extra.push(['is_summary_message', m.summary ? 1 : 0]);
      db.prepare(
        `INSERT INTO messages (id, session_id, role, parts, model, created_at, updated_at, finished_at${extra.map(([c]) => `, ${c}`).join('')})
         VALUES (?, ?, ?, ?, ?, ?, ?, ?${extra.map(() => ', ?').join('')})`,
      ).run(
        m.id,
        s.id,
        m.role,
        JSON.stringify(m.parts),
        m.model ?? null,
        m.at,
        m.at,
        m.role === 'assistant' ? m.at : null,
        ...(extra.map(([, v]) => v) as (string | number | null)[]),
      );
    }
  }
  db.exec('COMMIT');
  if (options.walOnly) {
    // Copied while the connection is open: the log still holds everything.
    copyFileSync(file, path);
    copyFileSync(`${file}-wal`, `${path}-wal`);
    db.close();
  } else {
    db.close(); // the last connection checkpoints the log and removes it; the file stays in WAL mode

    copyFileSync(file, path);
  }
  rmSync(work, { recursive: true, force: true });
  if (existsSync(`${path}-shm`)) rmSync(`${path}-shm`);
}
