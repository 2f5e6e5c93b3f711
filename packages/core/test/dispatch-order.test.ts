import { describe, expect, it } from 'vitest';
import {
  BIG_SESSION_BYTES,
  DispatchOrder,
  HUGE_SESSION_BYTES,
} from '../src/engine/prepare/threads/dispatch-order.js';

const MB = 1 << 20;
const drain = (next: () => number | undefined) => {
  const out: number[] = [];
  for (let p = next(); p !== undefined; p = next()) out.push(p);
  return out;
};

describe('DispatchOrder', () => {
  // positions:  0 small, 1 big, 2 huge (40 MB), 3 small, 4 huge (200 MB), 5 big, 6 small
  const sizes = [10, 2 * MB, 40 * MB, 0, 200 * MB, BIG_SESSION_BYTES, BIG_SESSION_BYTES - 1];

  it('gives worker threads the huge sessions first, longest first, then everything in discovery order', () => {
    const order = new DispatchOrder(sizes);
    expect(drain(() => order.forWorker())).toEqual([4, 2, 0, 1, 3, 5, 6]);
    expect(order.isHuge(4) && order.isHuge(2) && !order.isHuge(1)).toBe(true);
    expect(HUGE_SESSION_BYTES).toBeGreaterThan(BIG_SESSION_BYTES);
  });

  it('gives the main thread only small sessions, unless every worker is busy with a huge one', () => {
    const order = new DispatchOrder(sizes);
    expect(drain(() => order.forMain(false))).toEqual([0, 3, 6]);
    expect(drain(() => order.forWorker())).toEqual([4, 2, 1, 5]);
    const busy = new DispatchOrder(sizes);
    expect(drain(() => busy.forMain(true))).toEqual([0, 1, 3, 5, 6]);
    expect(drain(() => busy.forWorker())).toEqual([4, 2]);
  });

  it('hands every session out exactly once when threads take turns', () => {
    const order = new DispatchOrder(sizes);
    const taken = [
      order.forWorker(),
      order.forMain(false),
      order.forWorker(),
      order.forMain(true),
      order.forWorker(),
    ];
    const rest = [...drain(() => order.forWorker()), ...drain(() => order.forMain(true))];
    expect([...taken, ...rest].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('without threads is plain discovery order', () => {
    const order = DispatchOrder.all(4);
    expect(drain(() => order.forMain(false))).toEqual([0, 1, 2, 3]);
  });
});
