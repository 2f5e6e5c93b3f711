import type { DatabaseSync } from 'node:sqlite';
import { openSourceDatabase, type SourceDatabase } from '@convx/core';

/** How long to wait for Cursor's own lock (only ever met while it has the write-ahead log open). */
const BUSY_TIMEOUT_MS = 2000;

/**
 * Reads a Cursor database, runs `use` on one consistent snapshot of it, and always closes it. Cursor keeps
 * these files open and writes to them; `openSourceDatabase` reads them without writing, creating (no
 * `-wal`/`-shm`) or locking anything beside them, also on read-only media (see docs/sources/cursor.md).
 * `use` must only read: a snapshot found torn is read again. Errors are rethrown with a message that names
 * the file and says what is wrong.
 */
export function withDatabase<T>(path: string, use: (db: DatabaseSync) => T): T {
  const source = openSourceDatabase(path, { timeoutMs: BUSY_TIMEOUT_MS });
  try {
    return source.read(use);
  } catch (error) {
    throw new CursorDatabaseError(path, error);
  } finally {
    source.close();
  }
}

/** How long a database stays open after a load, waiting for the next conversation in the same file. */
const KEEP_OPEN_MS = 250;
const KEPT_CACHE_KIB = 256;
let kept: { path: string; source: SourceDatabase; timer: NodeJS.Timeout } | undefined;

/**
 * `withDatabase` for loading one conversation after another: the connection stays open for a moment after
 * `use`, so the next load from the same file does not open it again (each open resolves the path component
 * by component, checks for a journal and reads the schema — for 2,000 composers in one database that was
 * most of their load time). Between loads it is outside any transaction, so it holds no lock on Cursor's
 * file, and every read starts from the file's current state (a file changed or replaced meanwhile is opened
 * anew).
 */
export function withKeptDatabase<T>(path: string, use: (db: DatabaseSync) => T): T {
  let source: SourceDatabase | undefined;
  try {
    if (kept?.path === path) {
      clearTimeout(kept.timer);
      source = kept.source;
    } else {
      closeKept();
      // Each load reads its own rows once: a small page cache keeps the B-tree's upper levels, not 2 MB of leaves.
      source = openSourceDatabase(path, {
        timeoutMs: BUSY_TIMEOUT_MS,
        onOpen: (db) => db.exec(`PRAGMA cache_size = -${KEPT_CACHE_KIB}`),
      });
    }
    kept = undefined;
    const result = source.read(use);
    kept = { path, source, timer: setTimeout(closeKept, KEEP_OPEN_MS).unref() };
    return result;
  } catch (error) {
    source?.close();
    throw new CursorDatabaseError(path, error);
  }
}

function closeKept(): void {
  if (!kept) return;
  clearTimeout(kept.timer);
  kept.source.close();
  kept = undefined;
}

/** A database that could not be read: locked, corrupt, or not a database at all. */
export class CursorDatabaseError extends Error {
  override readonly name = 'CursorDatabaseError';
  /** Whether trying again later may work (a lock), unlike a corrupt file, which stays corrupt until rewritten. */
  readonly transient: boolean;
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`cannot read Cursor database ${path}: ${explain(cause)}`, { cause });
    this.transient = ![11, 26].includes(primaryCode(cause));
  }
}

function primaryCode(error: unknown): number {
  if (error instanceof CursorDatabaseError) return primaryCode(error.cause);
  const code = (error as { errcode?: unknown } | null)?.errcode;
  return typeof code === 'number' ? code & 0xff : -1;
}

function explain(error: unknown): string {
  if (error instanceof CursorDatabaseError) return explain(error.cause);
  const message = error instanceof Error ? error.message : String(error);
  // SQLite primary result codes: 5 BUSY, 6 LOCKED, 11 CORRUPT, 14 CANTOPEN, 26 NOTADB.
  switch (primaryCode(error)) {
    case 5:
    case 6:
      return `it is locked by another process (${message}); it will be read on the next run`;
    case 11:
    case 26:
      return `it is corrupt or not a SQLite database (${message})`;
    case 14:
      return `it cannot be opened (${message})`;
    default:
      return message;
  }
}

/** The names of the tables a database has. */
export function tableNames(db: DatabaseSync): Set<string> {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
  return new Set(rows.map((row) => String(row.name)));
}

/** A column value as text: Cursor stores JSON both as TEXT and as BLOB. */
export function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return undefined;
}

/** The smallest key greater than every key starting with `prefix` (for range scans on the primary key). */
export function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
