import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Adapter,
  createAdapterContext,
  createSession,
  defineAdapter,
  RunMemo,
  runSync,
} from '../src/index.js';
import { plainRenderer } from './support/plain-renderer.js';
import { aliceBackup } from './support/sync-options.js';

describe('RunMemo (ctx.memo)', () => {
  it('makes a value once per key and hands the same one back', () => {
    const memo = new RunMemo();
    let made = 0;
    const make = () => ({ n: ++made });
    const a = memo.get('a', make);
    expect(memo.get('a', make)).toBe(a);
    expect(memo.get('b', make)).toEqual({ n: 2 });
    expect(made).toBe(2);
  });

  it('stores nothing when make throws, so the next call tries again', () => {
    const memo = new RunMemo();
    expect(() =>
      memo.get('db', () => {
        throw new Error('locked');
      }),
    ).toThrow('locked');
    expect(memo.get('db', () => 'opened')).toBe('opened');
  });

  it('disposes newest first, goes on past a disposer that throws, and starts empty again', () => {
    const warnings: string[] = [];
    const memo = new RunMemo({ debug: (m) => warnings.push(m), info() {}, warn() {} });
    const order: string[] = [];
    memo.get(
      'first',
      () => 1,
      () => order.push('first'),
    );
    memo.get('plain', () => 2);
    memo.get(
      'broken',
      () => 3,
      () => {
        throw new Error('already closed');
      },
    );
    memo.get(
      'last',
      () => 4,
      () => order.push('last'),
    );
    memo.dispose();
    expect(order).toEqual(['last', 'first']);
    expect(warnings).toEqual([expect.stringContaining('broken: Error: already closed')]);
    expect(memo.get('first', () => 5)).toBe(5);
    memo.dispose();
    expect(order).toEqual(['last', 'first']);
  });

  it('is shared by every context made with it, and private to contexts made without', () => {
    const memo = new RunMemo();
    const one = createAdapterContext({ home: '/home/a', memo });
    const two = createAdapterContext({ home: '/home/a', memo });
    expect(one.memo('k', () => 'first')).toBe('first');
    expect(two.memo('k', () => 'second')).toBe('first');
    expect(createAdapterContext({ home: '/home/a' }).memo('k', () => 'own')).toBe('own');
  });
});

describe('ctx.memo in a run', () => {
  it('lives for one run: made once across discovery and every load, disposed when the run ends', async () => {
    const home = await mkdtemp(join(tmpdir(), 'convx-memo-home-'));
    const out = await mkdtemp(join(tmpdir(), 'convx-memo-out-'));
    const events: string[] = [];
    const open = (ctx: Parameters<Adapter['load']>[0]) =>
      ctx.memo(
        'connection',
        () => {
          events.push('open');
          return { closed: false };
        },
        (connection) => {
          connection.closed = true;
          events.push('close');
        },
      );
    const adapter = defineAdapter({
      name: 'memoized',
      defaultLocations: () => [home],
      async *discover(ctx) {
        expect(open(ctx).closed).toBe(false);
        for (const id of ['a', 'b', 'c'])
          yield { sessionId: id, fingerprint: '1', path: join(home, `${id}.log`) };
      },
      async load(ctx, ref) {
        const connection = open(ctx);
        expect(connection.closed).toBe(false);
        events.push(`load ${ref.sessionId}`);
        return createSession({
          source: 'memoized',
          sessionId: ref.sessionId,
          startedAt: '2026-01-02T03:04:00.000Z',
          sourceLocation: { path: ref.path },
          messages: [{ kind: 'text', role: 'user', text: `hello ${ref.sessionId}` }],
        });
      },
    });
    try {
      const run = () =>
        runSync({ ...aliceBackup(out, home), adapters: [adapter], renderer: plainRenderer, force: true });
      expect((await run()).totals).toMatchObject({ discovered: 3, new: 3 });
      expect(events).toEqual(['open', 'load a', 'load b', 'load c', 'close']);
      // The next run opens its own.
      events.length = 0;
      await run();
      expect(events).toEqual(['open', 'load a', 'load b', 'load c', 'close']);
    } finally {
      await rm(home, { recursive: true, force: true });
      await rm(out, { recursive: true, force: true });
    }
  });
});
