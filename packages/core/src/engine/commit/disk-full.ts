import { ConvxError, isDiskFull } from '../../errors.js';
import type { SourceTally } from '../tally.js';
import type { SyncReport } from '../types.js';

/**
 * A run's handling of a full disk. The first write that finds no room stops the export (every further one
 * would fail the same way); what was committed stays, the index is saved for it (with the room the space
 * reserve kept), and the sessions not exported are counted as failed — one failure per source, naming the
 * output folder — so the next run, with room again, exports exactly those.
 */
export class DiskFullStop {
  hit = false;
  indexSaved = true;
  /** Sessions of each source handed to the export and not settled yet. */
  private readonly open = new Map<SourceTally, number>();

  constructor(private readonly outputRoot: string) {}

  /** A session of this source is to be exported. */
  expect(source: SourceTally): void {
    this.open.set(source, (this.open.get(source) ?? 0) + 1);
  }

  /** A session of this source reached an outcome (exported, unchanged, skipped or failed). */
  settled(source: SourceTally): void {
    this.open.set(source, (this.open.get(source) ?? 1) - 1);
  }

  /** Remembers a disk-full error and returns; any other error is rethrown. */
  absorb(error: unknown): void {
    if (!isDiskFull(error)) throw error;
    this.hit = true;
  }

  /** Counts the sessions never exported as failed, one listing per source; the report's `diskFull`. */
  finish(): SyncReport['diskFull'] {
    if (!this.hit) return undefined;
    let notExported = 0;
    for (const [source, count] of this.open) {
      if (count <= 0) continue;
      notExported += count;
      source.unsettled(count, {
        path: this.outputRoot,
        code: 'DISK_FULL',
        message: `${count} session${count === 1 ? '' : 's'} not exported: the disk holding the output folder is full`,
      });
    }
    return { path: this.outputRoot, notExported, indexSaved: this.indexSaved };
  }
}

/** The error for a disk that filled up outside any one session (the lock, the state folder). */
export function diskFullError(outputRoot: string, cause: unknown): ConvxError {
  return new ConvxError(
    'DISK_FULL',
    `The disk holding ${outputRoot} is full; free some space there and run convx again.`,
    undefined,
    { cause },
  );
}
