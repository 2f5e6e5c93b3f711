import type { Adapter, SessionRef } from '../../contract/adapter.js';
import type { AdapterContext, SourceProblem } from '../../contract/context.js';
import { discardPrepared } from './prepare-export.js';
import type { Prepared } from './types.js';

/** A changed session to prepare: its adapter, its ref, and the context its source was discovered with. */
export interface PrepareItem {
  adapter: Adapter;
  ref: SessionRef;
  source: { ctx: AdapterContext };
}

/** A prepared session, or why it could not be prepared; with the problems its load reported in a worker. */
export type PrepareResult =
  | { prepared: Prepared; problems: SourceProblem[] }
  | { error: unknown; problems: SourceProblem[] };

/** Receives each prepared session, strictly in the order of the items, one at a time. */
export type Settle<T> = (item: T, result: PrepareResult) => Promise<void>;

export interface PrepareControl {
  signal?: AbortSignal | undefined;
  /**
   * True once the run must stop exporting without failing (the disk is full): no more sessions are started
   * or settled, and `inOrder` returns normally. Checked before each session and each settle.
   */
  halted?: () => boolean;
}

/**
 * How a run prepares its changed sessions (load, filter, transform, render into temp files): here on the
 * main thread (`InThreadPreparer`), or in worker threads beside it (`ThreadPreparer`). Either way each
 * result reaches `settle` in the items' order, so what is committed never depends on timing.
 */
export interface Preparer {
  /** How the sessions are prepared, for the log. */
  readonly description: string;
  /**
   * Prepares the items and hands each result to `settle` in their order, one at a time. The array is handed
   * over (pass one nobody else reads): each item is dropped from it once settled, so a big run's refs are
   * not all held to its end. On the first error `settle` throws (an abort) no more sessions are started, the started ones
   * finish, and the error is rethrown; once `halted()`, the same without an error. Prepared files never
   * settled are removed.
   */
  inOrder<T extends PrepareItem>(items: T[], settle: Settle<T>, control: PrepareControl): Promise<void>;
  /** Ends the preparer's threads, if it has any. */
  close(): Promise<void>;
}

/**
 * The in-order hand-over both preparers share: results arrive in any order (`deliver`) and go to `settle`
 * in the items' order, one at a time, until a settle throws, the run is aborted or halted.
 */
export class InOrderDelivery<T> {
  private readonly results = new Map<number, PrepareResult>();
  private settled = 0;
  private failure: { error: unknown } | undefined;
  private draining: Promise<void> | undefined;

  constructor(
    private readonly items: Array<T | undefined>,
    private readonly settle: Settle<T>,
    private readonly control: PrepareControl,
  ) {}

  /** The item at a position (until it is settled). */
  item(position: number): T {
    return this.items[position] as T;
  }

  /** Whether no more sessions may start: a settle failed, the run was aborted or halted. */
  stopped(): boolean {
    return this.failure !== undefined || this.control.signal?.aborted === true || this.halted();
  }

  deliver(position: number, result: PrepareResult): void {
    this.results.set(position, result);
    void this.drain();
  }

  /** Settles what is ready, then removes the files of results never settled; rethrows a failure. */
  async finish(): Promise<void> {
    try {
      await this.drain();
    } finally {
      for (const result of this.results.values()) if ('prepared' in result) discardPrepared(result.prepared);
    }
    if (this.failure) throw this.failure.error;
    this.control.signal?.throwIfAborted();
  }

  private halted(): boolean {
    return this.control.halted?.() ?? false;
  }

  private drain(): Promise<void> {
    if (!this.draining && this.results.has(this.settled)) {
      this.draining = (async () => {
        try {
          while (!this.stopped() && this.results.has(this.settled)) {
            const result = this.results.get(this.settled) as PrepareResult;
            this.results.delete(this.settled);
            try {
              await this.settle(this.items[this.settled] as T, result);
            } catch (error) {
              this.failure ??= { error };
            }
            // A settled session's ref (its file lists, adapter data) is not needed any more.
            this.items[this.settled++] = undefined;
          }
        } finally {
          this.draining = undefined;
        }
      })();
    }
    return this.draining ?? Promise.resolve();
  }
}
