import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { SCHEMA, SCHEMA_VERSION } from './schema.js';

export interface OpenedDatabase {
  db: DatabaseSync;
  /** True when the database was created or emptied (missing, corrupt, older format): it needs a full build. */
  fresh: boolean;
}

/**
 * Opens the index database, creating it when missing. A file that is not a database or is corrupt is
 * deleted and created anew; a database of another format version is emptied in place. Either way `fresh`
 * tells the caller to index every twin.
 */
export function openDatabase(path: string): OpenedDatabase {
  mkdirSync(dirname(path), { recursive: true });
  try {
    return prepare(new DatabaseSync(path));
  } catch (error) {
    if (!isCorruption(error)) throw error;
    removeDatabase(path);
    return prepare(new DatabaseSync(path));
  }
}

function prepare(db: DatabaseSync): OpenedDatabase {
  try {
    // Another process (a backup's update, an explorer) may hold the lock for a moment.
    db.exec('PRAGMA busy_timeout = 10000');
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    if (readVersion(db) === SCHEMA_VERSION) return { db, fresh: false };
    resetSchema(db);
    return { db, fresh: true };
  } catch (error) {
    db.close();
    throw error;
  }
}

function readVersion(db: DatabaseSync): number | undefined {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  if (!table) return undefined;
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema'").get();
  return row ? Number(row.value) : undefined;
}

/** Drops whatever the database holds and creates the current tables, in one transaction. */
function resetSchema(db: DatabaseSync): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    // Virtual tables first (dropping one drops its shadow tables), then whatever is left.
    for (let round = 0; round < 4; round++) {
      const objects = db
        .prepare(
          "SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY (sql LIKE 'CREATE VIRTUAL%') DESC",
        )
        .all();
      if (objects.length === 0) break;
      for (const o of objects) {
        const exists = db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(String(o.name));
        if (exists)
          db.exec(
            `DROP ${o.type === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS "${String(o.name).replaceAll('"', '""')}"`,
          );
      }
    }
    db.exec(SCHEMA);
    db.prepare("INSERT INTO meta (key, value) VALUES ('schema', ?)").run(String(SCHEMA_VERSION));
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

/** The database file and its WAL, shared-memory and journal files. */
export function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

/** SQLITE_CORRUPT or SQLITE_NOTADB (any extended code): the file must be rebuilt. */
export function isCorruption(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const code = (error as { errcode?: unknown }).errcode;
  if (typeof code === 'number') return (code & 0xff) === 11 || (code & 0xff) === 26;
  const message = String((error as { message?: unknown }).message ?? '');
  return /malformed|not a database|corrupt/i.test(message);
}
