import type { Failure, SkipReason, SourceCounts } from '../store/types.js';
import type { ProgressEvent, Skip } from './types.js';

/** How one discovered session ended; a skip or failure carries what the report lists for it. */
export type Settled =
  | { outcome: 'new' | 'updated' | 'unchanged' }
  | ({ outcome: 'skipped' } & SkipReason)
  | { outcome: 'failed'; message: string; cwd?: string; code?: string };

export const emptyCounts = (): SourceCounts => ({
  discovered: 0,
  new: 0,
  updated: 0,
  unchanged: 0,
  skipped: 0,
  failed: 0,
});

/**
 * A run's counts, failures and skips, kept so that they cannot disagree: a failure is listed exactly where
 * it is counted, a skip always has its reason, and every source's counts add up
 * (`discovered = new + updated + unchanged + skipped + failed`) — each discovered session settles once, and
 * a source entry discovery could not read counts as one discovered entry that failed.
 */
export class RunTally {
  readonly sources: Record<string, SourceCounts> = {};
  readonly failures: Failure[] = [];
  readonly skipped: Skip[] = [];

  constructor(private readonly onProgress?: (event: ProgressEvent) => void) {}

  /** The tally of one source (its counts start at zero). */
  source(name: string): SourceTally {
    const counts = emptyCounts();
    this.sources[name] = counts;
    return new SourceTally(name, counts, this, this.onProgress);
  }

  totals(): SourceCounts {
    const totals = emptyCounts();
    for (const counts of Object.values(this.sources)) {
      for (const k of Object.keys(totals) as Array<keyof SourceCounts>) totals[k] += counts[k];
    }
    return totals;
  }
}

export class SourceTally {
  private done = 0;
  private total = 0;

  constructor(
    readonly name: string,
    private readonly counts: SourceCounts,
    private readonly run: RunTally,
    private readonly onProgress?: (event: ProgressEvent) => void,
  ) {}

  /** A source entry that could not be read (or a discovery that threw): discovered, failed and listed. */
  failedEntry(problem: Omit<Failure, 'source' | 'key'>): void {
    this.counts.discovered++;
    this.counts.failed++;
    this.run.failures.push({ source: this.name, ...problem });
  }

  /**
   * Sessions that will never settle because the run stopped exporting (the disk is full): counted as failed,
   * listed once together.
   */
  unsettled(count: number, failure: Omit<Failure, 'source' | 'key'>): void {
    this.counts.failed += count;
    this.run.failures.push({ source: this.name, ...failure });
  }

  /** Discovery listed these many sessions; each settles once through `settle`. */
  found(sessions: number): void {
    this.counts.discovered += sessions;
    this.total = sessions;
    this.onProgress?.({ type: 'discovered', source: this.name, total: sessions });
  }

  /** How one discovered session ended. */
  settle(session: { key: string; path: string }, settled: Settled): void {
    const { outcome } = settled;
    this.counts[outcome]++;
    if (settled.outcome === 'skipped') {
      this.run.skipped.push({
        source: this.name,
        key: session.key,
        path: session.path,
        reason: settled.reason,
        ...(settled.detail ? { detail: settled.detail } : {}),
      });
    } else if (settled.outcome === 'failed') {
      this.run.failures.push({
        source: this.name,
        path: session.path,
        key: session.key,
        message: settled.message,
        ...(settled.cwd ? { cwd: settled.cwd } : {}),
        ...(settled.code ? { code: settled.code } : {}),
      });
    }
    this.done++;
    this.onProgress?.({
      type: 'session',
      source: this.name,
      key: session.key,
      outcome,
      done: this.done,
      total: this.total,
    });
  }
}
