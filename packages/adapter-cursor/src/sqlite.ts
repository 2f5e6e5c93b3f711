import { DatabaseSync } from 'node:sqlite';

/** How long to wait for Cursor's own write lock before giving up on a database. */
const BUSY_TIMEOUT_MS = 2000;

/**
 * Opens a Cursor database read-only, runs `use`, and always closes it. Cursor keeps these files open and
 * writes to them, so nothing here ever writes; a busy database is retried for a moment by SQLite itself.
 * Errors are rethrown with a message that names the file and says what is wrong.
 */
export function withDatabase<T>(path: string, use: (db: DatabaseSync) => T): T {
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(path, { readOnly: true, timeout: BUSY_TIMEOUT_MS });
    return use(db);
  } catch (error) {
    throw new CursorDatabaseError(path, error);
  } finally {
    db?.close();
  }
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
