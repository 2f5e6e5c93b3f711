import { randomBytes } from 'node:crypto';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { stat, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { INDEX_FILE, statePath } from './index-file.js';

const CHUNK = 1 << 20;
// An index entry is ~0.9 KB on the benchmark (title, cwd, paths); long titles and paths make it more.
const ENTRY_BYTES_GUESS = 1536;
// The small state files written after the index (last-run.json).
const MARGIN = 64 * 1024;

export interface ReserveEstimate {
  /** The index file as it is, and the sessions it holds. */
  indexPath: string;
  indexedSessions: number;
  /** Sessions this run will export (each may add an index entry). */
  changed: number;
  /** Bytes of the changed sessions' sources: what the run may write, give or take. */
  sourceBytes: number;
}

/**
 * Room kept free on the output's disk so that, should the disk fill up while sessions are exported, the
 * index recording what was written can still be saved: a file of the index's expected size, written at the
 * start and deleted just before the index is saved. Taken only when the disk is short of room for what the
 * run may write; lives in the run's temp folder, so a killed run's reserve is cleared by the next run.
 */
export class SpaceReserve {
  private constructor(private readonly path: string | undefined) {}

  static readonly none = new SpaceReserve(undefined);

  static async take(outputRoot: string, tmpDir: string, estimate: ReserveEstimate): Promise<SpaceReserve> {
    const free = await freeBytes(outputRoot);
    const indexBytes = (await stat(estimate.indexPath).catch(() => undefined))?.size ?? 0;
    const perEntry = estimate.indexedSessions > 0 ? indexBytes / estimate.indexedSessions : ENTRY_BYTES_GUESS;
    // A session writes about its source's size twice (Markdown and twin) and adds an index entry.
    const writes = 2 * estimate.sourceBytes;
    const perSession = writes / Math.max(1, estimate.changed) + perEntry;
    // Only the sessions that can fit will be recorded: the index grows by their entries, not by all of them.
    const fitting = free === undefined ? estimate.changed : Math.min(estimate.changed, free / perSession);
    const bytes = Math.ceil(indexBytes + fitting * perEntry * 1.25 + MARGIN);
    // Plenty of room (twice what the run could write): no reserve.
    if (free === undefined || free > 2 * (writes + bytes)) return SpaceReserve.none;
    const path = join(tmpDir, 'space-reserve');
    try {
      fill(path, bytes);
      return new SpaceReserve(path);
    } catch {
      // Already too full to hold it: the run stops at its first write and saves what it can.
      rmSync(path, { force: true });
      return SpaceReserve.none;
    }
  }

  /** The reserve for a run that is to export `changed` sessions, its index holding `indexed`. */
  static forIndex(
    outputRoot: string,
    tmpDir: string,
    indexedSessions: number,
    changed: ReadonlyArray<{ ref: { size?: number } }>,
  ): Promise<SpaceReserve> {
    let sourceBytes = 0;
    for (const { ref } of changed) sourceBytes += ref.size ?? 0;
    return SpaceReserve.take(outputRoot, tmpDir, {
      indexPath: statePath(outputRoot, INDEX_FILE),
      indexedSessions,
      changed: changed.length,
      sourceBytes,
    });
  }

  /** Gives the room back (before the index is saved). Safe to call more than once. */
  release(): void {
    if (this.path) rmSync(this.path, { force: true });
  }
}

async function freeBytes(dir: string): Promise<number | undefined> {
  try {
    const s = await statfs(dir);
    return s.bavail * s.bsize;
  } catch {
    return undefined;
  }
}

/** Writes `bytes` of incompressible data: a compressing filesystem would not keep zeros as room. */
function fill(path: string, bytes: number): void {
  const noise = randomBytes(Math.min(CHUNK, bytes));
  const fd = openSync(path, 'w');
  try {
    for (let left = bytes; left > 0; ) {
      const n = writeSync(fd, noise, 0, Math.min(noise.length, left));
      left -= n;
    }
  } finally {
    closeSync(fd);
  }
}
