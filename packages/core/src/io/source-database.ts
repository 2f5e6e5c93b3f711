import { DatabaseSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';
import {
  copyDatabase,
  type Files,
  fits,
  inspect,
  keyOf,
  modeOf,
  removeCopy,
  type SourceDatabaseMode,
} from './source-files.js';

// Reading an application's SQLite database with nothing created, changed or locked beside it. Which of three
// ways a connection uses (immutable, shared, a private copy) is decided in source-files.ts.

export type { SourceDatabaseMode } from './source-files.js';

export interface SourceDatabaseOptions {
  /** How long SQLite waits for the application's lock in `shared` mode, in ms (default 2000). */
  timeoutMs?: number;
  /** Runs on every connection made (a file that changed is reopened), e.g. to set `PRAGMA cache_size`. */
  onOpen?: (db: DatabaseSync) => void;
}

/** An application's SQLite database, read without changing, creating or locking anything beside it. */
export interface SourceDatabase {
  readonly path: string;
  /** How the current connection reads it; see {@link SourceDatabaseMode}. */
  readonly mode: SourceDatabaseMode | undefined;
  /**
   * Runs `read` in one read transaction — a consistent snapshot — and returns its result. Each call starts
   * from the file's current state (a replaced or changed file is opened anew); a snapshot found torn
   * afterwards is thrown away and `read` runs again, so it must only read.
   */
  read<T>(read: (db: DatabaseSync) => T): T;
  close(): void;
}

/** A database that changed under every attempt to read it. Trying again later may work. */
export class SourceDatabaseChangingError extends Error {
  override readonly name = 'SourceDatabaseChangingError';
  constructor(readonly path: string) {
    super(
      'it kept changing while being read (an application is writing to it); it will be read on the next run',
    );
  }
}

const ATTEMPTS = 5;
// SQLite primary result codes: the log or its shared memory could not be opened as this mode needs.
const SQLITE_READONLY = 8;
const SQLITE_CANTOPEN = 14;

interface Connection {
  db: DatabaseSync;
  mode: SourceDatabaseMode;
  /** What must stay the same for this connection to go on reading the file's current state. */
  key: string;
  /** For `copy`: the private folder, removed on close. */
  copyDir?: string;
}

/** Opens `path` for reading; nothing is opened until the first {@link SourceDatabase.read}. */
export function openSourceDatabase(path: string, options: SourceDatabaseOptions = {}): SourceDatabase {
  return new SourceDatabaseHandle(path, options);
}

class SourceDatabaseHandle implements SourceDatabase {
  private connection: Connection | undefined;
  constructor(
    readonly path: string,
    private readonly options: SourceDatabaseOptions,
  ) {}

  get mode(): SourceDatabaseMode | undefined {
    return this.connection?.mode;
  }

  read<T>(read: (db: DatabaseSync) => T): T {
    for (let attempt = 1; ; attempt++) {
      const files = inspect(this.path);
      const current = this.connection;
      if (!current || current.key !== keyOf(current.mode, files) || !fits(current.mode, files)) {
        this.connect(files);
      }
      const connection = this.connection as Connection;
      let result: { value: T } | { error: unknown };
      try {
        connection.db.exec('BEGIN');
        try {
          result = { value: read(connection.db) };
        } finally {
          connection.db.exec('COMMIT');
        }
      } catch (error) {
        result = { error };
      }
      // An immutable open trusts the file not to change: if it did meanwhile, what was read may be torn. A
      // shared read finds the log's shared memory being rebuilt or reset by the application (it closed or
      // restarted the log as we read: SQLITE_READONLY_RECOVERY, _CANTINIT), which a read-only reader
      // must wait out rather than do.
      if (
        (connection.mode === 'immutable' && connection.key !== keyOf('immutable', inspect(this.path))) ||
        (connection.mode === 'shared' && 'error' in result && primaryCode(result.error) === SQLITE_READONLY)
      ) {
        this.disconnect();
        if (attempt >= ATTEMPTS) throw new SourceDatabaseChangingError(this.path);
        pause(attempt * 20);
        continue;
      }
      if ('error' in result) throw result.error;
      return result.value;
    }
  }

  close(): void {
    this.disconnect();
  }

  private connect(files: Files): void {
    this.disconnect();
    const url = pathToFileURL(this.path).href;
    const timeout = this.options.timeoutMs ?? 2000;
    let mode = modeOf(files);
    for (let attempt = 1; ; attempt++) {
      if (attempt > ATTEMPTS) throw new SourceDatabaseChangingError(this.path);
      if (mode === 'immutable') {
        this.use({
          db: new DatabaseSync(`${url}?immutable=1`, { readOnly: true }),
          mode,
          key: keyOf(mode, files),
        });
        return;
      }
      if (mode === 'shared') {
        const db = new DatabaseSync(`${url}?readonly_shm=1`, { readOnly: true, timeout });
        try {
          db.prepare('SELECT count(*) FROM sqlite_master').get(); // opens the log and its shared memory
          this.use({ db, mode, key: keyOf(mode, files) });
          return;
        } catch (error) {
          db.close();
          if (![SQLITE_READONLY, SQLITE_CANTOPEN].includes(primaryCode(error))) throw error;
          // The application closed the log meanwhile, or its shared memory cannot be used read-only.
          const now = inspect(this.path);
          mode = modeOf(now) === 'shared' ? 'copy' : modeOf(now);
          files = now;
          continue;
        }
      }
      const copied = copyDatabase(this.path, files);
      if (!copied) {
        files = inspect(this.path);
        mode = modeOf(files);
        continue;
      }
      try {
        // Read-write, so SQLite applies the copied log or rolls back the copied journal — in the copy.
        const db = new DatabaseSync(copied.file, { timeout });
        this.use({ db, mode: 'copy', key: keyOf('copy', files), copyDir: copied.dir });
        return;
      } catch (error) {
        removeCopy(copied.dir);
        throw error;
      }
    }
  }

  private use(connection: Connection): void {
    this.connection = connection;
    try {
      this.options.onOpen?.(connection.db);
    } catch (error) {
      this.disconnect();
      throw error;
    }
  }

  private disconnect(): void {
    const connection = this.connection;
    this.connection = undefined;
    if (!connection) return;
    connection.db.close();
    if (connection.copyDir) removeCopy(connection.copyDir);
  }
}

function primaryCode(error: unknown): number {
  const code = (error as { errcode?: unknown } | null)?.errcode;
  return typeof code === 'number' ? code & 0xff : -1;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** node:sqlite is synchronous, and so is this wait before reading a changing file again. */
function pause(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
