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

// What lies beside a source database, which way to read it follows from that, and the private copy.

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

/** The database file and the ones SQLite keeps beside it, as `stat` (bigint, for nanosecond mtimes) saw them. */
export interface Files {
  db: BigIntStats;
  wal?: BigIntStats;
  shm?: BigIntStats;
  /** `live`: it starts with a journal header, so it holds a write in progress or cut off. */
  journal?: BigIntStats & { live?: boolean };
}

export function inspect(path: string): Files {
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

export function modeOf(files: Files): SourceDatabaseMode {
  if (files.journal?.live) return 'copy';
  if (!files.wal || files.wal.size === 0n) return 'immutable';
  return files.shm ? 'shared' : 'copy';
}

/** Whether a connection of `mode` still reads the whole current state (a copy made as a fallback stays). */
export function fits(mode: SourceDatabaseMode, files: Files): boolean {
  const wanted = modeOf(files);
  return wanted === mode || (mode === 'copy' && wanted === 'shared');
}

const full = (s: BigIntStats | undefined) =>
  s ? `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}` : '-';
const identity = (s: BigIntStats | undefined) => (s ? `${s.dev}:${s.ino}` : '-');

export function keyOf(mode: SourceDatabaseMode, files: Files): string {
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
export function copyDatabase(path: string, files: Files): { dir: string; file: string } | undefined {
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

export function removeCopy(dir: string): void {
  liveCopies.delete(dir);
  rmSync(dir, { recursive: true, force: true });
}
