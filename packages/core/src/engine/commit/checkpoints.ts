import type { DurabilityBarrier } from '../../store/durability.js';

export interface CheckpointPolicy {
  /** Changed sessions between two checkpoints. */
  every: number;
  /** Least time between two checkpoints, in ms. */
  minMs: number;
  /** Least time between two index saves, in ms (the index is rewritten whole). */
  saveMinMs: number;
}

/**
 * Checkpoints of a run: each makes the files written so far durable (the barrier), then, when one is due,
 * saves the index as it stood when the checkpoint began — the index is the commit point, so it only ever
 * records files flushed before it. The index is staged (written beside the one in effect) while the disk
 * flushes, and put in place once the flush is done. A checkpoint runs in the background: the run goes on exporting while
 * the disk flushes (on disk a flush took 50–170 ms, every second, and the main thread used to wait for
 * it). At most one is in flight; sessions committed meanwhile are covered by the next. A failed flush or
 * save is thrown from the next call, so it still ends the run.
 */
export class Checkpoints<Snapshot> {
  private changed = 0;
  private last: number;
  private lastSave: number;
  private inFlight: Promise<void> | undefined;
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly barrier: DurabilityBarrier,
    private readonly snapshot: () => Snapshot,
    /** Writes a snapshot without putting it in effect yet; the answered function puts it in place. */
    private readonly stage: (snapshot: Snapshot) => Promise<() => void>,
    private readonly policy: CheckpointPolicy,
    private readonly now: () => number = Date.now,
  ) {
    this.last = this.lastSave = now();
  }

  /** Counts a session whose index entry changed. */
  changedOne(): void {
    this.changed++;
  }

  /** Starts a checkpoint when one is due and none is in flight; does not wait for it. */
  maybe(): void {
    this.throwFailure();
    if (this.inFlight || this.changed < this.policy.every || this.now() - this.last < this.policy.minMs)
      return;
    const done = this.begin(false).catch((error: unknown) => {
      this.failure ??= { error };
    });
    this.inFlight = done.finally(() => {
      this.inFlight = undefined;
    });
  }

  /**
   * Waits for the checkpoint in flight, then flushes and saves everything committed so far. An earlier
   * failure that `retry` accepts (a full disk, when room has been made since) does not stop this attempt.
   */
  async final(retry: (error: unknown) => boolean = () => false): Promise<void> {
    await this.inFlight;
    if (this.failure && retry(this.failure.error)) this.failure = undefined;
    this.throwFailure();
    await this.begin(true);
  }

  private begin(force: boolean): Promise<void> {
    this.changed = 0;
    this.last = this.now();
    const saving = force || this.last - this.lastSave >= this.policy.saveMinMs;
    // Taken before the flush starts: every entry in it had its files handed to the barrier already.
    const snapshot = saving ? this.snapshot() : undefined;
    const flushed = this.barrier.flush();
    if (snapshot === undefined) return flushed;
    this.lastSave = this.last;
    return Promise.all([flushed, this.stage(snapshot)]).then(([, putInPlace]) => putInPlace());
  }

  private throwFailure(): void {
    if (this.failure) throw this.failure.error;
  }
}
