// Builds OpenCode fixtures from a plain description: a SQLite database shaped like OpenCode 1.2+ (the schema
// convx assumes, see docs/sources/opencode.md) and the older JSON storage tree. Used by the tests and by
// scripts/build-fixture.ts (which writes the committed demo fixture). No relative imports: the script runs
// this file directly with Node's type stripping.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export interface FixturePart {
  id: string;
  data: Record<string, unknown>;
}
export interface FixtureMessage {
  id: string;
  time: number;
  data: Record<string, unknown>;
  parts: FixturePart[];
  /** Stored as-is instead of JSON (to test malformed rows). */
  rawData?: string;
}
export interface FixtureSession {
  id: string;
  projectId: string;
  parentId?: string;
  directory: string;
  title: string;
  version: string;
  created: number;
  updated: number;
  messages: FixtureMessage[];
}

/** The full schema, as OpenCode 1.2+ is assumed to create it (including tables convx must never read). */
export const FULL_SCHEMA = `
  CREATE TABLE project (id TEXT PRIMARY KEY, worktree TEXT NOT NULL, vcs TEXT, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL);
  CREATE TABLE session (id TEXT PRIMARY KEY, project_id TEXT NOT NULL, parent_id TEXT, slug TEXT, directory TEXT NOT NULL,
    title TEXT NOT NULL, version TEXT NOT NULL, share_url TEXT, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL,
    time_archived INTEGER);
  CREATE TABLE message (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, time_created INTEGER NOT NULL,
    time_updated INTEGER NOT NULL, data TEXT NOT NULL);
  CREATE TABLE part (id TEXT PRIMARY KEY, message_id TEXT NOT NULL, session_id TEXT NOT NULL,
    time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL);
  CREATE INDEX message_session_idx ON message (session_id);
  CREATE INDEX part_session_idx ON part (session_id);
  CREATE TABLE account (id TEXT PRIMARY KEY, email TEXT, access_token TEXT, refresh_token TEXT);
  CREATE TABLE credential (id TEXT PRIMARY KEY, provider TEXT, api_key TEXT);
`;

/** An older, leaner schema: no `part.session_id`, no `time_updated` columns (the adapter must cope). */
export const MINIMAL_SCHEMA = `
  CREATE TABLE session (id TEXT PRIMARY KEY, parent_id TEXT, directory TEXT, title TEXT, time_created INTEGER);
  CREATE TABLE message (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, data TEXT NOT NULL);
  CREATE TABLE part (id TEXT PRIMARY KEY, message_id TEXT NOT NULL, data TEXT NOT NULL);
`;

export const FAKE_SECRET = 'FAKE-CREDENTIAL-fixture-do-not-export-7f3a';

/** Writes the sessions into a new database at `path`, filling only the columns the schema has. */
export function buildOpencodeDb(path: string, sessions: FixtureSession[], schema = FULL_SCHEMA): void {
  const db = new DatabaseSync(path);
  try {
    db.exec(schema);
    const has = (table: string) => {
      const cols = new Set(
        db
          .prepare(`PRAGMA table_info(${table})`)
          .all()
          .map((r) => String(r.name)),
      );
      return (c: string) => cols.has(c);
    };
    const insert = (table: string, row: Record<string, string | number | null>) => {
      const keys = Object.keys(row).filter(has(table));
      if (!keys.length) return;
      const sql = `INSERT OR IGNORE INTO ${table} (${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`;
      db.prepare(sql).run(...keys.map((k) => row[k] ?? null));
    };
    if (has('account')('id')) {
      insert('account', {
        id: 'acc_1',
        email: 'alice@example.com',
        access_token: FAKE_SECRET,
        refresh_token: FAKE_SECRET,
      });
      insert('credential', { id: 'cred_1', provider: 'anthropic', api_key: FAKE_SECRET });
    }
    for (const s of sessions) {
      insert('project', {
        id: s.projectId,
        worktree: s.directory,
        vcs: 'git',
        time_created: s.created,
        time_updated: s.updated,
      });
      insert('session', {
        id: s.id,
        project_id: s.projectId,
        parent_id: s.parentId ?? null,
        directory: s.directory,
        title: s.title,
        version: s.version,
        time_created: s.created,
        time_updated: s.updated,
      });
      for (const m of s.messages) {
        const data = m.rawData ?? JSON.stringify(m.data);
        insert('message', { id: m.id, session_id: s.id, time_created: m.time, time_updated: m.time, data });
        for (const [i, p] of m.parts.entries()) {
          const row = {
            id: p.id,
            message_id: m.id,
            session_id: s.id,
            time_created: m.time + i,
            time_updated: m.time + i,
          };
          insert('part', { ...row, data: JSON.stringify(p.data) });
        }
      }
    }
  } finally {
    db.close();
  }
}

/** Writes sessions as the older storage tree: `storage/{session/<project>,message/<session>,part/<message>}/`. */
export function writeStorageTree(root: string, sessions: FixtureSession[]): void {
  const write = (path: string, value: unknown) => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
  };
  const storage = join(root, 'storage');
  for (const s of sessions) {
    write(join(storage, 'session', s.projectId, `${s.id}.json`), {
      id: s.id,
      projectID: s.projectId,
      directory: s.directory,
      ...(s.parentId ? { parentID: s.parentId } : {}),
      title: s.title,
      version: s.version,
      time: { created: s.created, updated: s.updated },
    });
    for (const m of s.messages) {
      write(join(storage, 'message', s.id, `${m.id}.json`), { id: m.id, sessionID: s.id, ...m.data });
      for (const p of m.parts) {
        write(join(storage, 'part', m.id, `${p.id}.json`), {
          id: p.id,
          sessionID: s.id,
          messageID: m.id,
          ...p.data,
        });
      }
    }
  }
}
