import type { DatabaseSync } from 'node:sqlite';
import { openSourceDatabase } from '@convx/core';
import type { DatabaseSessionSummary } from './types.js';

/** The `ItemTable` key under which VS Code before 1.99 kept a window's chats (a JSON array of sessions). */
export const SESSIONS_KEY = 'interactive.sessions';

/** How long to wait for VS Code's own lock (only ever met while it has the write-ahead log open). */
const BUSY_TIMEOUT_MS = 2000;

/**
 * Runs `use` on one consistent snapshot of a VS Code `state.vscdb` and closes it. `openSourceDatabase` reads
 * without writing, creating (no `-wal`/`-shm`) or locking anything beside the file, also while VS Code has
 * it open. Errors are rethrown as one sentence naming the file.
 */
export function withDatabase<T>(path: string, use: (db: DatabaseSync) => T): T {
  const source = openSourceDatabase(path, { timeoutMs: BUSY_TIMEOUT_MS });
  try {
    return source.read(use);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot read VS Code database ${path}: ${reason}`, { cause: error });
  } finally {
    source.close();
  }
}

/**
 * The chats a database holds, each with a content hash of its JSON (its fingerprint), or an empty list
 * when it holds none (nearly every database since VS Code 1.99). Sessions without an id are skipped.
 */
export function scanDatabase(path: string, hash: (text: string) => string): DatabaseSessionSummary[] {
  return withDatabase(path, (db) => {
    if (!hasItemTable(db)) return [];
    const rows = db
      .prepare(
        `SELECT json_extract(e.value, '$.sessionId') AS id, e.value AS v
         FROM ItemTable AS i, json_each(CAST(i.value AS TEXT)) AS e
         WHERE i.key = ? AND json_valid(CAST(i.value AS TEXT)) AND e.type = 'object'`,
      )
      .all(SESSIONS_KEY);
    const found: DatabaseSessionSummary[] = [];
    for (const row of rows) {
      if (typeof row.id !== 'string' || !row.id || typeof row.v !== 'string') continue;
      found.push({ id: row.id, hash: hash(row.v).slice(0, 16), size: Buffer.byteLength(row.v) });
    }
    return found;
  });
}

/** One session of a database, picked out by SQLite (the other sessions are never parsed). */
export function readDatabaseSession(path: string, sessionId: string): string | undefined {
  return withDatabase(path, (db) => {
    if (!hasItemTable(db)) return undefined;
    const row = db
      .prepare(
        `SELECT e.value AS v FROM ItemTable AS i, json_each(CAST(i.value AS TEXT)) AS e
         WHERE i.key = ? AND json_valid(CAST(i.value AS TEXT)) AND e.type = 'object'
           AND json_extract(e.value, '$.sessionId') = ?
         LIMIT 1`,
      )
      .get(SESSIONS_KEY, sessionId);
    return typeof row?.v === 'string' ? row.v : undefined;
  });
}

function hasItemTable(db: DatabaseSync): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ItemTable'").get() !== undefined
  );
}
