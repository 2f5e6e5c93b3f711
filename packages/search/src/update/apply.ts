import type { DatabaseSync } from 'node:sqlite';
import { setImmediate as turn } from 'node:timers/promises';
import type { WriteStatements } from '../db/statements.js';
import type { TwinFile } from '../twins/find.js';
import type { UpdateOptions, UpdateReport } from '../types.js';
import type { SessionSink } from './records.js';
import type { Vocabulary } from './vocabulary.js';
import { SessionWriter } from './write-session.js';

/**
 * A transaction is committed after this many bytes of twins or this many twins (a killed update keeps what
 * was committed). Each commit writes FTS5's pending postings out as a new segment: few, large ones build
 * fastest.
 */
const BATCH_BYTES = 96 * 1024 * 1024;
const BATCH_TWINS = 4000;
/** The event loop turns at least this often during an in-thread update (an explorer keeps answering). */
const TURN_MS = 50;

export interface Work {
  twin: TwinFile;
  /** The index held an older version of it. */
  known: boolean;
}

export type Counts = Omit<UpdateReport, 'rebuilt' | 'ms'>;

/**
 * Applies parsed twins to the database in order, on the thread that owns the connection: decides per twin
 * whether it still needs indexing, writes it, counts it, and commits in batches.
 */
export class Applier {
  private batch = { bytes: 0, twins: 0 };
  private writer: SessionWriter | undefined;
  private done = 0;
  private lastTurn = performance.now();

  constructor(
    private readonly db: DatabaseSync,
    private readonly statements: WriteStatements,
    private readonly vocabulary: Vocabulary,
    private readonly work: readonly Work[],
    private readonly report: Counts,
    private readonly options: UpdateOptions,
  ) {
    db.exec('BEGIN IMMEDIATE');
  }

  /** Starts twin `index`: a sink for its records, or undefined when it needs no indexing after all. */
  begin(index: number): SessionSink | undefined {
    const item = this.work[index];
    if (!item) return undefined;
    const { twin } = item;
    // Another process may have indexed it meanwhile (both saw it stale): the row decides, under the lock.
    const row = this.statements.sessionByTwin.get(twin.rel);
    if (row && Number(row.twin_size) === twin.size && Number(row.twin_mtime) === twin.mtimeMs) {
      this.writer = undefined;
      return undefined;
    }
    if (row) this.statements.deleteSession(Number(row.id));
    this.writer = new SessionWriter(this.statements, this.vocabulary, twin);
    return this.writer;
  }

  /** Ends twin `index`: counted as added, updated, unchanged or failed; commits when the batch is full. */
  finish(index: number, error?: unknown): void {
    const item = this.work[index];
    if (!item) return;
    if (error !== undefined) {
      if (isDatabaseError(error)) throw error;
      this.writer?.abandon();
      this.report.failed.push({
        path: item.twin.rel,
        message: error instanceof Error ? error.message : String(error),
      });
    } else if (!this.writer) {
      this.report.unchanged++;
    } else if (item.known) {
      this.report.updated++;
    } else {
      this.report.added++;
    }
    this.writer = undefined;
    this.batch.bytes += item.twin.size;
    this.batch.twins++;
    this.options.onProgress?.(++this.done, this.work.length);
    if (this.batch.bytes >= BATCH_BYTES || this.batch.twins >= BATCH_TWINS) {
      this.db.exec('COMMIT');
      this.db.exec('BEGIN IMMEDIATE');
      this.batch = { bytes: 0, twins: 0 };
    }
  }

  /** Lets the event loop turn when the thread has been busy for a while (in-thread updates). */
  async breathe(): Promise<void> {
    if (performance.now() - this.lastTurn < TURN_MS) return;
    await turn();
    this.lastTurn = performance.now();
  }

  commit(): void {
    if (this.db.isTransaction) this.db.exec('COMMIT');
  }

  rollback(): void {
    if (this.db.isTransaction) this.db.exec('ROLLBACK');
  }
}

/** An error of the database itself (full disk, corruption, a lock): it stops the update. */
export function isDatabaseError(error: unknown): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === 'ERR_SQLITE_ERROR';
}
