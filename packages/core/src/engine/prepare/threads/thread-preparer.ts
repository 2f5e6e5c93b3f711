import type { Logger } from '../../../contract/context.js';
import type { IndexEntry } from '../../../store/types.js';
import type { SyncOptions } from '../../types.js';
import { EventLoopTurns, prepareHere } from '../in-thread.js';
import {
  InOrderDelivery,
  type PrepareControl,
  type PrepareItem,
  type PrepareResult,
  type Preparer,
  type Settle,
} from '../strategy.js';
import type { PrepareEnv } from '../types.js';
import { DispatchOrder } from './dispatch-order.js';
import { WorkerJobError, WorkerLostError, WorkerPool, type WorkerSlot } from './worker-pool.js';

// Jobs each worker has in hand: one it works on and the next ones, so it never waits for the main thread.
const JOBS_PER_WORKER = 16;

/**
 * Starts the run's worker threads when its plan asks for them and at least `changed` sessions (its
 * `minSessions`) changed; undefined when there are none to start or none started.
 */
export async function startThreads(
  options: Pick<
    SyncOptions,
    'workers' | 'locationEnv' | 'labels' | 'force' | 'holdChars' | 'attachmentMaxBytes' | 'maxLineBytes'
  >,
  env: PrepareEnv,
  changed: number,
  log: Logger,
): Promise<WorkerPool | undefined> {
  const plan = options.workers;
  if (!plan || plan.threads < 1 || changed < (plan.minSessions ?? 1)) return undefined;
  const { options: _functions, buffers: _buffers, handBack: _handBack, ...settings } = env;
  return WorkerPool.start(
    plan.threads,
    {
      spec: plan.spec,
      home: options.locationEnv.home,
      env: {
        ...settings,
        historySubpath: env.options.historySubpath,
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

/**
 * Prepares sessions in worker threads and on the main thread. Huge sessions go first, longest first, each to
 * a thread that takes nothing else meanwhile; everything else in discovery order, so commits keep pace. The
 * main thread takes small ones between commits (it also answers the threads). A thread that stops hands its
 * unstarted sessions to its replacement or back to the main thread; a session too big for a thread's heap is
 * prepared on the main thread.
 */
export class ThreadPreparer implements Preparer {
  readonly description: string;

  constructor(
    private readonly pool: WorkerPool,
    private readonly env: PrepareEnv,
    private readonly entryOf: (item: PrepareItem) => IndexEntry | undefined,
  ) {
    this.description = `exporting in ${pool.slots.length} worker thread(s) and the main thread`;
  }

  async inOrder<T extends PrepareItem>(
    items: T[],
    settle: Settle<T>,
    control: PrepareControl,
  ): Promise<void> {
    const { pool, env, entryOf } = this;
    const delivery = new InOrderDelivery(items, settle, control);
    const here = (item: T) => prepareHere(env, item, entryOf(item));
    const order = new DispatchOrder(items.map((item) => item.ref.size ?? 0));
    // While a worker thread prepares a huge session it is given nothing else: what it would hold could be a
    // session early in discovery order, and every commit after it would wait.
    const busyWithHuge = new Map<WorkerSlot, Promise<void>>();
    const turns = new EventLoopTurns();

    const mainLane = async () => {
      for (;;) {
        await turns.maybe();
        const everyWorkerBusy = pool.slots.every((slot) => busyWithHuge.has(slot) || slot.dead);
        const noWorkerLeft = pool.slots.every((slot) => slot.dead);
        const position = delivery.stopped() ? undefined : order.forMain(everyWorkerBusy, noWorkerLeft);
        if (position === undefined) return;
        delivery.deliver(position, await here(delivery.item(position)));
      }
    };
    /** Prepares in the thread: a job its dying thread only had queued goes to its replacement, else here. */
    const prepareIn = async (slot: WorkerSlot, item: T): Promise<PrepareResult> => {
      for (;;) {
        try {
          return await slot.run({ adapter: item.adapter.name, ref: item.ref, entry: entryOf(item) });
        } catch (error) {
          if (error instanceof WorkerJobError) return { error, problems: error.problems };
          if (!(error instanceof WorkerLostError) || !error.retry) return { error, problems: [] };
          if (error.inHand || delivery.stopped() || !(await slot.replaced())) return here(item);
        }
      }
    };
    const workerLane = async (slot: WorkerSlot) => {
      for (;;) {
        for (let busy = busyWithHuge.get(slot); busy; busy = busyWithHuge.get(slot)) await busy;
        // A thread gone for good leaves its share to the others and the main thread.
        if (slot.dead) return;
        const position = delivery.stopped() ? undefined : order.forWorker();
        if (position === undefined) return;
        let done = () => {};
        if (order.isHuge(position)) busyWithHuge.set(slot, new Promise<void>((resolve) => (done = resolve)));
        try {
          delivery.deliver(position, await prepareIn(slot, delivery.item(position)));
        } finally {
          busyWithHuge.delete(slot);
          done();
        }
      }
    };

    const onAbort = () => pool.abort();
    control.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await Promise.all([
        ...pool.slots.flatMap((slot) => Array.from({ length: JOBS_PER_WORKER }, () => workerLane(slot))),
        mainLane(),
      ]);
      // Whatever no lane took (its thread died after the main thread's lane had finished) is prepared here.
      for (let position = nextLeft(); position !== undefined; position = nextLeft())
        delivery.deliver(position, await here(delivery.item(position)));
    } finally {
      control.signal?.removeEventListener('abort', onAbort);
      await delivery.finish();
    }

    function nextLeft(): number | undefined {
      return delivery.stopped() ? undefined : order.forMain(true, true);
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
