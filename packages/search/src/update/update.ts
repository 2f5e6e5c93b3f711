import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { setImmediate as turn } from 'node:timers/promises';
import { WriteStatements } from '../db/statements.js';
import { isTwinPath, listTwins, type TwinFile } from '../twins/find.js';
import type { UpdateOptions, UpdateReport } from '../types.js';
import { indexTwin } from './index-twin.js';
import { Vocabulary } from './vocabulary.js';

/**
 * A transaction is committed after this many bytes of twins or this many twins (a killed update keeps what
 * was committed). Each commit flushes FTS5's pending postings as a new segment: few, large ones build fastest.
 */
const BATCH_BYTES = 96 * 1024 * 1024;
const BATCH_TWINS = 4000;
/** FTS5 keeps this many bytes of postings in memory before writing a segment, during a bulk build. */
const BULK_HASH_BYTES = 16 * 1024 * 1024;
const DEFAULT_HASH_BYTES = 1024 * 1024;
/** The event loop turns at least this often during an update (an explorer's server keeps answering). */
const TURN_MS = 50;

interface Known {
  id: number;
  size: number;
  mtimeMs: number;
}

interface Work {
  twin: TwinFile;
  known: boolean;
}

/**
 * Brings the index in line with the twins: every twin below `historyDirs` (or only the `changed` paths), new
 * or changed ones (size or mtime) indexed again, vanished ones removed. Twins are indexed in batched
 * transactions: a twin that fails is removed again and reported, a kill loses at most the open batch, and
 * the next update redoes it (the stat no longer matches).
 */
export async function updateIndex(
  db: DatabaseSync,
  outputRoot: string,
  historyDirs: readonly string[],
  full: boolean,
  options: UpdateOptions,
): Promise<Omit<UpdateReport, 'rebuilt' | 'ms'>> {
  const report: Omit<UpdateReport, 'rebuilt' | 'ms'> = {
    added: 0,
    updated: 0,
    removed: 0,
    unchanged: 0,
    failed: [],
  };
  const statements = new WriteStatements(db);
  const { work, removals } =
    full || !options.changed
      ? await compareAll(db, outputRoot, historyDirs, report)
      : await compareChanged(db, outputRoot, options.changed, report);

  if (removals.length > 0) {
    transaction(db, () => {
      for (const id of removals) statements.deleteSession(id);
    });
    report.removed += removals.length;
  }
  if (work.length === 0) return report;

  const vocabulary = new Vocabulary(db);
  const bulk = work.length > 500;
  if (bulk) db.exec(`INSERT INTO fts (fts, rank) VALUES ('hashsize', ${BULK_HASH_BYTES})`);
  let batch = openBatch(db);
  let lastTurn = performance.now();
  try {
    let done = 0;
    for (const { twin, known } of work) {
      if (options.signal?.aborted) break;
      // Another process may have indexed it meanwhile (both saw it stale): the row decides, under the lock.
      const row = statements.sessionByTwin.get(twin.rel);
      if (row && Number(row.twin_size) === twin.size && Number(row.twin_mtime) === twin.mtimeMs) {
        report.unchanged++;
      } else {
        if (row) statements.deleteSession(Number(row.id));
        try {
          await indexTwin(statements, vocabulary, twin);
          if (known || row) report.updated++;
          else report.added++;
        } catch (error) {
          if (isDatabaseError(error)) throw error;
          report.failed.push({ path: twin.rel, message: describe(error) });
        }
      }
      batch.bytes += twin.size;
      batch.twins++;
      options.onProgress?.(++done, work.length);
      if (batch.bytes >= BATCH_BYTES || batch.twins >= BATCH_TWINS) {
        db.exec('COMMIT');
        batch = openBatch(db);
      }
      if (performance.now() - lastTurn >= TURN_MS) {
        await turn();
        lastTurn = performance.now();
      }
    }
    db.exec('COMMIT');
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  } finally {
    if (bulk) db.exec(`INSERT INTO fts (fts, rank) VALUES ('hashsize', ${DEFAULT_HASH_BYTES})`);
  }
  return report;
}

function openBatch(db: DatabaseSync) {
  db.exec('BEGIN IMMEDIATE');
  return { bytes: 0, twins: 0 };
}

function transaction(db: DatabaseSync, body: () => void): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    body();
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

/** Every twin on disk against every indexed one. */
async function compareAll(
  db: DatabaseSync,
  outputRoot: string,
  historyDirs: readonly string[],
  report: { unchanged: number },
): Promise<{ work: Work[]; removals: number[] }> {
  const twins = await listTwins(outputRoot, historyDirs);
  const known = new Map<string, Known>();
  for (const row of db.prepare('SELECT id, twin_path, twin_size, twin_mtime FROM sessions').all()) {
    known.set(String(row.twin_path), {
      id: Number(row.id),
      size: Number(row.twin_size),
      mtimeMs: Number(row.twin_mtime),
    });
  }
  const work: Work[] = [];
  for (const twin of twins) {
    const entry = known.get(twin.rel);
    known.delete(twin.rel);
    if (entry && entry.size === twin.size && entry.mtimeMs === twin.mtimeMs) report.unchanged++;
    else work.push({ twin, known: entry !== undefined });
  }
  return { work, removals: [...known.values()].map((entry) => entry.id) };
}

/** Only the twins a run named (written or removed). */
async function compareChanged(
  db: DatabaseSync,
  outputRoot: string,
  changed: readonly string[],
  report: { unchanged: number },
): Promise<{ work: Work[]; removals: number[] }> {
  const lookup = db.prepare('SELECT id, twin_size, twin_mtime FROM sessions WHERE twin_path = ?');
  const work: Work[] = [];
  const removals: number[] = [];
  const paths = new Set(changed.map((p) => p.replaceAll('\\', '/').replace(/^\.\/+/, '')).filter(isTwinPath));
  for (const rel of paths) {
    if (rel.split('/').includes('..')) continue;
    const abs = join(outputRoot, rel);
    const info = await stat(abs).catch(() => undefined);
    const row = lookup.get(rel);
    if (!info?.isFile()) {
      if (row) removals.push(Number(row.id));
      continue;
    }
    if (row && Number(row.twin_size) === info.size && Number(row.twin_mtime) === info.mtimeMs) {
      report.unchanged++;
      continue;
    }
    work.push({ twin: { rel, abs, size: info.size, mtimeMs: info.mtimeMs }, known: row !== undefined });
  }
  return { work, removals };
}

/** An error of the database itself (full disk, corruption, a lock): it stops the update. */
function isDatabaseError(error: unknown): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === 'ERR_SQLITE_ERROR';
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
