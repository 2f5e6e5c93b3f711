import { setImmediate } from 'node:timers/promises';
import type { IndexEntry } from '../../store/types.js';
import { prepareExport } from './prepare-export.js';
import {
  InOrderDelivery,
  type PrepareControl,
  type PrepareItem,
  type PrepareResult,
  type Preparer,
  type Settle,
} from './strategy.js';
import type { PrepareEnv } from './types.js';

const YIELD_EVERY_MS = 5;

/** Prepares a session on this thread; a failure becomes the result (counted, never thrown). */
export async function prepareHere(
  env: PrepareEnv,
  item: PrepareItem,
  entry: IndexEntry | undefined,
  basename?: string,
): Promise<PrepareResult> {
  try {
    const prepared = await prepareExport(env, item.adapter, item.source.ctx, item.ref, entry, basename);
    return { prepared, problems: [] };
  } catch (error) {
    return { error, problems: [] };
  }
}

/**
 * Gives the event loop a turn every few milliseconds. Small files are read and written with direct calls, so
 * a run of sessions may never wait on it otherwise, and Ctrl-C, the progress bar (and the worker threads'
 * messages) would wait too. One per preparer: its lanes share it.
 */
export class EventLoopTurns {
  private last = Date.now();

  async maybe(): Promise<void> {
    if (Date.now() - this.last <= YIELD_EVERY_MS) return;
    this.last = Date.now();
    await setImmediate();
  }
}

/** Prepares every session on the main thread, `concurrency` at a time (their reads overlap). */
export class InThreadPreparer implements Preparer {
  readonly description = 'exporting on the main thread';

  constructor(
    private readonly env: PrepareEnv,
    private readonly entryOf: (item: PrepareItem) => IndexEntry | undefined,
    private readonly concurrency: number,
  ) {}

  async inOrder<T extends PrepareItem>(
    items: T[],
    settle: Settle<T>,
    control: PrepareControl,
  ): Promise<void> {
    const delivery = new InOrderDelivery(items, settle, control);
    const turns = new EventLoopTurns();
    let next = 0;
    const lane = async () => {
      for (;;) {
        await turns.maybe();
        if (delivery.stopped() || next >= items.length) return;
        const position = next++;
        const item = delivery.item(position);
        delivery.deliver(position, await prepareHere(this.env, item, this.entryOf(item)));
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.max(1, Math.min(this.concurrency, items.length)) }, lane));
    } finally {
      await delivery.finish();
    }
  }

  async close(): Promise<void> {}
}
