import { setImmediate } from 'node:timers/promises';
import type { SessionRef } from '../../contract/adapter.js';
import type { Logger, SourceProblem } from '../../contract/context.js';
import type { IndexEntry } from '../../store/types.js';
import type { RunState } from '../commit/commit-export.js';
import type { SyncOptions } from '../types.js';
import { discardPrepared, type Prepared } from './prepare-export.js';
import { DispatchOrder } from './threads/dispatch-order.js';
import { WorkerJobError, WorkerLostError, WorkerPool, type WorkerSlot } from './threads/worker-pool.js';

type Problems = SourceProblem[];
/** A prepared session, or why it could not be prepared; with the problems its load reported in a worker. */
export type PrepareResult =
  | { prepared: Prepared; problems: Problems }
  | { error: unknown; problems: Problems };

// Jobs each worker has in hand: one it works on and the next ones, so it never waits for the main thread.
const JOBS_PER_WORKER = 16;
const YIELD_EVERY_MS = 5;

/** Starts the run's worker threads when its plan asks for them and enough sessions changed. */
export function startPool(
  options: SyncOptions,
  state: RunState,
  changed: number,
  log: Logger,
): Promise<WorkerPool | undefined> {
  const plan = options.workers;
  if (!plan || plan.threads < 1 || changed < (plan.minSessions ?? 1)) return Promise.resolve(undefined);
  return WorkerPool.start(
    plan.threads,
    {
      spec: plan.spec,
      home: options.locationEnv.home,
      env: {
        outputRoot: state.outputRoot,
        historyDir: state.historyDir,
        tmpDir: state.tmpDir,
        spillDir: state.spillDir,
        renderKey: state.renderKey,
        dryRun: state.dryRun,
        now: state.now,
        historySubpath: state.options.historySubpath,
        ...(options.labels !== undefined ? { labels: options.labels } : {}),
        ...(options.force !== undefined ? { force: options.force } : {}),
        ...(options.holdChars !== undefined ? { holdChars: options.holdChars } : {}),
        ...(options.attachmentMaxBytes !== undefined
          ? { attachmentMaxBytes: options.attachmentMaxBytes }
          : {}),
        ...(options.maxLineBytes !== undefined ? { maxLineBytes: options.maxLineBytes } : {}),
      },
    },
    log,
  ).catch((error) => {
    log.debug(`worker threads did not start: ${String(error)}`);
    return undefined;
  });
}

/** How `prepareInOrder` reaches the run. */
export interface PrepareInOrderOptions<T> {
  /** Worker threads to prepare in; without them everything is prepared here, `concurrency` at a time. */
  pool: WorkerPool | undefined;
  /** What a worker needs to prepare an item. */
  jobOf: (item: T) => WorkerSessionJob;
  prepareHere: (item: T) => Promise<Prepared>;
  concurrency: number;
  commit: (item: T, result: PrepareResult) => Promise<void>;
  signal?: AbortSignal;
  /**
   * True once the run must stop exporting without failing (the disk is full): no more sessions are
   * started or committed, and the call returns normally. Checked before each session and each commit.
   */
  halted?: () => boolean;
}

type WorkerSessionJob = { adapter: string; ref: SessionRef; entry: IndexEntry | undefined };

/**
 * Prepares `items` — in the pool's worker threads and here — and hands each result to `commit` strictly in
 * the order of `items`, one at a time. A worker that stops hands its unstarted sessions back to this thread.
 * On the first error `commit` throws (an abort), no more sessions are started, all started ones settle, and
 * the error is rethrown; once `halted()`, the same without an error. Prepared files never committed are
 * removed.
 */
export async function prepareInOrder<T>(items: T[], run: PrepareInOrderOptions<T>): Promise<void> {
  const { pool, jobOf, prepareHere, commit, signal, halted = () => false } = run;
  const results = new Map<number, PrepareResult>();
  let committed = 0;
  let failure: { error: unknown } | undefined;
  let draining: Promise<void> | undefined;

  const drain = (): Promise<void> => {
    if (!draining && results.has(committed)) {
      draining = (async () => {
        try {
          while (!failure && !signal?.aborted && !halted() && results.has(committed)) {
            const result = results.get(committed) as PrepareResult;
            results.delete(committed);
            try {
              await commit(items[committed] as T, result);
            } catch (error) {
              failure ??= { error };
            }
            // A committed session's ref (its file lists, adapter data) is not needed any more.
            (items as Array<T | undefined>)[committed++] = undefined;
          }
        } finally {
          draining = undefined;
        }
      })();
    }
    return draining ?? Promise.resolve();
  };
  const deliver = (position: number, result: PrepareResult) => {
    results.set(position, result);
    void drain();
  };
  const here = async (item: T): Promise<PrepareResult> => {
    try {
      return { prepared: await prepareHere(item), problems: [] };
    } catch (error) {
      return { error, problems: [] };
    }
  };
  const order = pool
    ? new DispatchOrder(items.map((item) => jobOf(item).ref.size ?? 0))
    : DispatchOrder.all(items.length);
  // While a worker thread prepares a huge session it is given nothing else: what it would hold could be a
  // session early in discovery order, and every commit after it would wait.
  const busyWithHuge = new Map<WorkerSlot, Promise<void>>();
  const stopped = () => failure !== undefined || signal?.aborted === true || halted();

  let lastYield = Date.now();
  const localLane = async () => {
    for (;;) {
      // Small files are read and written with direct calls, so a run of sessions may never wait on the
      // event loop: give it a turn every few milliseconds, or Ctrl-C and the progress bar would wait too.
      if (Date.now() - lastYield > YIELD_EVERY_MS) {
        lastYield = Date.now();
        await setImmediate();
      }
      const everyWorkerBusy = pool?.slots.every((slot) => busyWithHuge.has(slot) || slot.dead) ?? false;
      const noWorkerLeft = pool?.slots.every((slot) => slot.dead) ?? false;
      const position = stopped() ? undefined : order.forMain(everyWorkerBusy, noWorkerLeft);
      if (position === undefined) return;
      deliver(position, await here(items[position] as T));
    }
  };
  const workerLane = async (slot: WorkerSlot) => {
    for (;;) {
      for (let busy = busyWithHuge.get(slot); busy; busy = busyWithHuge.get(slot)) await busy;
      // A thread gone for good leaves its share to the others and the main thread.
      if (slot.dead) return;
      const position = stopped() ? undefined : order.forWorker();
      if (position === undefined) return;
      let done = () => {};
      if (order.isHuge(position)) busyWithHuge.set(slot, new Promise<void>((resolve) => (done = resolve)));
      try {
        deliver(position, await prepareIn(slot, items[position] as T));
      } finally {
        busyWithHuge.delete(slot);
        done();
      }
    }
  };
  /** Prepares in the thread: a job its dying thread only had queued goes to its replacement, else here. */
  const prepareIn = async (slot: WorkerSlot, item: T): Promise<PrepareResult> => {
    for (;;) {
      try {
        return await slot.run(jobOf(item));
      } catch (error) {
        if (error instanceof WorkerJobError) return { error, problems: error.problems };
        if (!(error instanceof WorkerLostError) || !error.retry) return { error, problems: [] };
        if (error.inHand || stopped() || !(await slot.replaced())) return here(item);
      }
    }
  };

  const onAbort = () => pool?.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    // The main thread prepares too: one session at a time beside worker threads (it also answers them).
    const localLanes = pool ? 1 : Math.max(1, Math.min(run.concurrency, items.length));
    const lanes = [
      ...(pool?.slots ?? []).flatMap((slot) =>
        Array.from({ length: JOBS_PER_WORKER }, () => workerLane(slot)),
      ),
      ...Array.from({ length: localLanes }, localLane),
    ];
    await Promise.all(lanes);
    // Whatever no lane took (its thread died after the main thread's lane had finished) is prepared here.
    for (let position = stopped() ? undefined : order.forMain(true, true); position !== undefined; ) {
      deliver(position, await here(items[position] as T));
      position = stopped() ? undefined : order.forMain(true, true);
    }
    await drain();
  } finally {
    signal?.removeEventListener('abort', onAbort);
    for (const result of results.values()) if ('prepared' in result) discardPrepared(result.prepared);
  }
  if (failure) throw failure.error;
  signal?.throwIfAborted();
}
