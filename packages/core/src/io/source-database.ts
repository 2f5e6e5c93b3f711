import {
  type BigIntStats,
  closeSync,
  constants,
  copyFileSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';

/**
 * How a source database is read, chosen from the files beside it each time a connection is made:
 * - `immutable`: no write-ahead log with content and no rollback journal — the database file is the whole
 *   state. Opened with `immutable=1`: no locks, no `-wal`/`-shm` created, works on read-only media. A write
 *   to the file during a read (a checkpoint, a rollback-mode writer) is detected by its stat and the read is
 *   done again.
 * - `shared`: a `-wal` with content and its `-shm` exist — an application has the database open (or left
 *   it so). Opened read-only with `readonly_shm=1`: SQLite's own reader protocol, a consistent snapshot even
 *   while the application writes, yet the `-shm` is only ever opened read-only and never created, and a
 *   read-only connection cannot checkpoint or delete the log.
 * - `copy`: a `-wal` with content but no `-shm` (a copied store, a crash's leftovers) or a rollback journal
 *   with content (a write in progress or interrupted): only a writer could apply those, so the database and
 *   its log are copied to a private temp folder (outside the source folder) and opened there.
 */
export type SourceDatabaseMode = 'immutable' | 'shared' | 'copy';

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

interface Files {
  db: BigIntStats;
  wal?: BigIntStats;
  shm?: BigIntStats;
  /** `live`: it starts with a journal header, so it holds a write in progress or cut off. */
  journal?: BigIntStats & { live?: boolean };
}

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
      // An immutable open trusts the file not to change: if it did meanwhile, what was read may be torn.
      if (connection.mode === 'immutable' && connection.key !== keyOf('immutable', inspect(this.path))) {
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

function inspect(path: string): Files {
  const side = (suffix: string) => statSync(`${path}${suffix}`, { bigint: true, throwIfNoEntry: false });
  const db = statSync(path, { bigint: true });
  const files: Files = { db };
  const wal = side('-wal');
  const shm = side('-shm');
  const journal = side('-journal');
  if (wal) files.wal = wal;
  if (shm) files.shm = shm;
  if (journal) {
    files.journal = Object.assign(journal, {
      live: journal.size > 0n && hasJournalHeader(`${path}-journal`),
    });
  }
  return files;
}

/** The magic that opens a rollback journal still in use; a finished one is truncated, deleted or zeroed. */
const JOURNAL_MAGIC = Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]);

function hasJournalHeader(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(JOURNAL_MAGIC.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(JOURNAL_MAGIC);
  } catch {
    return false; // gone meanwhile: the write finished
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function modeOf(files: Files): SourceDatabaseMode {
  if (files.journal?.live) return 'copy';
  if (!files.wal || files.wal.size === 0n) return 'immutable';
  return files.shm ? 'shared' : 'copy';
}

/** Whether a connection of `mode` still reads the whole current state (a copy made as a fallback stays). */
function fits(mode: SourceDatabaseMode, files: Files): boolean {
  const wanted = modeOf(files);
  return wanted === mode || (mode === 'copy' && wanted === 'shared');
}

const full = (s: BigIntStats | undefined) =>
  s ? `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}` : '-';
const identity = (s: BigIntStats | undefined) => (s ? `${s.dev}:${s.ino}` : '-');

function keyOf(mode: SourceDatabaseMode, files: Files): string {
  switch (mode) {
    case 'immutable':
      return full(files.db);
    case 'shared':
      // SQLite itself follows the application's writes; only another file in any of the three places matters.
      return [files.db, files.wal, files.shm].map(identity).join('|');
    case 'copy':
      return [files.db, files.wal, files.journal].map(full).join('|');
  }
}

/** Copies the database and its log or journal; undefined when the files changed during the copy. */
function copyDatabase(path: string, files: Files): { dir: string; file: string } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'convx-sqlite-'));
  trackCopy(dir);
  const file = join(dir, basename(path));
  try {
    // A clone where the file system can (APFS, Btrfs, XFS), a plain copy elsewhere.
    copyFileSync(path, file, constants.COPYFILE_FICLONE);
    if (files.wal && files.wal.size > 0n)
      copyFileSync(`${path}-wal`, `${file}-wal`, constants.COPYFILE_FICLONE);
    if (files.journal?.live) {
      copyFileSync(`${path}-journal`, `${file}-journal`, constants.COPYFILE_FICLONE);
    }
    if (keyOf('copy', inspect(path)) === keyOf('copy', files)) return { dir, file };
  } catch (error) {
    removeCopy(dir);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // a log went away meanwhile
    throw error;
  }
  removeCopy(dir);
  return undefined;
}

/** Private copies still open, removed if the process exits without closing them. */
const liveCopies = new Set<string>();
let removeOnExit = false;

function trackCopy(dir: string): void {
  liveCopies.add(dir);
  if (removeOnExit) return;
  removeOnExit = true;
  process.once('exit', () => {
    for (const left of liveCopies) rmSync(left, { recursive: true, force: true });
  });
}

function removeCopy(dir: string): void {
  liveCopies.delete(dir);
  rmSync(dir, { recursive: true, force: true });
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
