import type { DatabaseSync } from 'node:sqlite';
import { type AdapterContext, openSourceDatabase, type SourceDatabase } from '@convx/core';

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

/** Each load reads its own rows once: a small page cache keeps the B-tree's upper levels, not 2 MB of leaves. */
const KEPT_CACHE_KIB = 256;

/**
 * The connection loads share during a run: one database at a time, the one the last load read. Opening a
 * database resolves the path component by component, checks for a journal and reads the schema — for 2,000
 * composers in one database that was most of their load time (~0.25 s of CPU). Between loads it is outside
 * any transaction, so it holds no lock on Cursor's file, and every read starts from the file's current state
 * (a file changed or replaced meanwhile is opened anew). It lives in the run's `ctx.memo`, which closes it
 * when the run ends.
 */
export class KeptDatabase {
  private kept: { path: string; source: SourceDatabase } | undefined;

  /** `withDatabase` over the kept connection: opened when `path` is another database than the last one. */
  read<T>(path: string, use: (db: DatabaseSync) => T): T {
    let source: SourceDatabase | undefined;
    try {
      if (this.kept?.path === path) source = this.kept.source;
      else {
        this.close();
        source = openSourceDatabase(path, {
          timeoutMs: BUSY_TIMEOUT_MS,
          onOpen: (db) => db.exec(`PRAGMA cache_size = -${KEPT_CACHE_KIB}`),
        });
        this.kept = { path, source };
      }
      return source.read(use);
    } catch (error) {
      // A database that failed is opened anew by the next load, as if it were the first.
      this.close();
      throw new CursorDatabaseError(path, error);
    }
  }

  close(): void {
    const kept = this.kept;
    this.kept = undefined;
    kept?.source.close();
  }
}

/** The run's {@link KeptDatabase}, closed when the run ends. */
export function keptDatabase(ctx: AdapterContext): KeptDatabase {
  return ctx.memo(
    'kept-database',
    () => new KeptDatabase(),
    (kept) => kept.close(),
  );
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
