import { describe, expect, it } from 'vitest';
import { Checkpoints } from '../src/engine/commit/checkpoints.js';
import type { DurabilityBarrier } from '../src/store/durability.js';

/** A barrier whose flushes finish only when the test says so, recording what each one covered. */
class HeldBarrier {
  pending: string[] = [];
  flushes: Array<{ paths: string[]; finish: (error?: Error) => void }> = [];
  add(path: string) {
    this.pending.push(path);
  }
  flush(): Promise<void> {
    const paths = this.pending;
    this.pending = [];
    return new Promise((resolve, reject) => {
      this.flushes.push({ paths, finish: (error) => (error ? reject(error) : resolve()) });
    });
  }
}

const setup = (policy = { every: 2, minMs: 1000, saveMinMs: 3000 }) => {
  let clock = 0;
  const barrier = new HeldBarrier();
  const index: Record<string, string> = {};
  const saved: Array<Record<string, string>> = [];
  const checkpoints = new Checkpoints(
    barrier as unknown as DurabilityBarrier,
    () => ({ ...index }),
    // Staged at once, in effect (recorded) only when the checkpoint puts it in place.
    async (snapshot) => () => {
      saved.push(snapshot);
    },
    policy,
    () => clock,
  );
  /** A session committed: its file goes to the barrier first, then its index entry. */
  const commit = (name: string) => {
    barrier.add(`${name}.md`);
    index[name] = 'exported';
    checkpoints.changedOne();
  };
  const tick = (ms: number) => {
    clock += ms;
  };
  /** Two sessions committed and three seconds gone: the first checkpoint starts, index save included. */
  const startFirst = () => {
    commit('a');
    commit('b');
    tick(3000);
    checkpoints.maybe();
  };
  return { barrier, saved, checkpoints, commit, tick, startFirst };
};
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Checkpoints', () => {
  it('waits for enough sessions and enough time before a checkpoint', () => {
    const { barrier, checkpoints, commit, tick } = setup();
    commit('a');
    tick(5000);
    checkpoints.maybe(); // one session: not yet
    commit('b');
    checkpoints.maybe();
    expect(barrier.flushes.map((f) => f.paths)).toEqual([['a.md', 'b.md']]);
    commit('c');
    commit('d');
    tick(500);
    checkpoints.maybe(); // half a second since the last: not yet
    expect(barrier.flushes).toHaveLength(1);
  });

  it('goes on while a flush is in flight, and saves the index as it stood when the flush began', async () => {
    const { barrier, saved, checkpoints, commit, tick, startFirst } = setup();
    startFirst();
    // Committed while the disk flushes: not covered by this flush, so not in the index it saves.
    commit('c');
    commit('d');
    tick(1000);
    checkpoints.maybe(); // one in flight: no second one
    expect(barrier.flushes).toHaveLength(1);
    expect(saved).toEqual([]);
    barrier.flushes[0]?.finish();
    await settle();
    expect(saved).toEqual([{ a: 'exported', b: 'exported' }]);

    checkpoints.maybe(); // due again: flushes c and d, but the index was saved under 3 s ago
    expect(barrier.flushes[1]?.paths).toEqual(['c.md', 'd.md']);
    barrier.flushes[1]?.finish();
    await settle();
    expect(saved).toHaveLength(1);

    const final = checkpoints.final();
    await settle();
    barrier.flushes[2]?.finish();
    await final;
    expect(saved.at(-1)).toEqual({ a: 'exported', b: 'exported', c: 'exported', d: 'exported' });
  });

  it('stages the index while the disk flushes, and puts it in place only once the flush is done', async () => {
    let clock = 0;
    const barrier = new HeldBarrier();
    const events: string[] = [];
    const checkpoints = new Checkpoints(
      barrier as unknown as DurabilityBarrier,
      () => 'index',
      async (snapshot) => {
        events.push(`staged ${snapshot}`);
        return () => events.push(`in place ${snapshot}`);
      },
      { every: 1, minMs: 0, saveMinMs: 0 },
      () => clock,
    );
    barrier.add('a.md');
    checkpoints.changedOne();
    clock += 1;
    checkpoints.maybe();
    await settle();
    expect(events).toEqual(['staged index']);
    barrier.flushes[0]?.finish();
    await settle();
    expect(events).toEqual(['staged index', 'in place index']);
  });

  it('finishes the checkpoint in flight before the final one', async () => {
    const { barrier, saved, checkpoints, commit, startFirst } = setup();
    startFirst();
    commit('c');
    const final = checkpoints.final();
    await settle();
    expect(barrier.flushes).toHaveLength(1); // the final flush waits for the first
    barrier.flushes[0]?.finish();
    await settle();
    expect(barrier.flushes[1]?.paths).toEqual(['c.md']);
    barrier.flushes[1]?.finish();
    await final;
    expect(saved).toEqual([
      { a: 'exported', b: 'exported' },
      { a: 'exported', b: 'exported', c: 'exported' },
    ]);
  });

  it('throws a failed background flush from the next call, and saves nothing it did not cover', async () => {
    const { barrier, saved, checkpoints, startFirst } = setup();
    startFirst();
    barrier.flushes[0]?.finish(new Error('EIO: i/o error, syncfs'));
    await settle();
    expect(saved).toEqual([]);
    expect(() => checkpoints.maybe()).toThrow(/EIO/);
    await expect(checkpoints.final()).rejects.toThrow(/EIO/);
  });
});
