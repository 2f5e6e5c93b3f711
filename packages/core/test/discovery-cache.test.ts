import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineAdapter, runSync } from '../src/index.js';
import { PersistentCache } from '../src/store/discovery-cache.js';
import { fakeAdapter } from './support/fake-adapter.js';
import { aliceBackup } from './support/sync-options.js';

describe('the discovery cache', () => {
  it('keeps what this run used, drops what it did not, and carries over adapters that did not run', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'convx-cache-')), 'cache.json');
    await writeFile(path, JSON.stringify({ 'codex\u0000a': 1, 'codex\u0000gone': 2, 'claude\u0000x': 3 }));
    const cache = await PersistentCache.load(path);
    const codex = cache.forAdapter('codex');
    expect(codex.get('a')).toBe(1);
    codex.set('new', 4);
    expect(cache.dirty).toBe(true);
    expect(JSON.parse([...cache.serialize()].join(''))).toEqual({
      'claude\u0000x': 3,
      'codex\u0000a': 1,
      'codex\u0000new': 4,
    });
  });

  it('is not dirty when a run used exactly what it had', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'convx-cache-')), 'cache.json');
    await writeFile(path, JSON.stringify({ 'codex\u0000a': 1, 'claude\u0000x': 3 }));
    const cache = await PersistentCache.load(path);
    expect(cache.forAdapter('codex').get('a')).toBe(1);
    expect(cache.dirty).toBe(false);
  });

  it('fresh (a forced run): the adapters that run see nothing stored, the others keep theirs', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'convx-cache-')), 'cache.json');
    await writeFile(path, JSON.stringify({ 'crush\u0000walk': { at: 1 }, 'claude\u0000x': 3 }));
    const cache = await PersistentCache.load(path, { fresh: true });
    const crush = cache.forAdapter('crush');
    expect(crush.get('walk')).toBeUndefined();
    crush.set('walk', { at: 2 });
    expect(crush.get('walk')).toEqual({ at: 2 });
    expect(cache.dirty).toBe(true);
    expect(JSON.parse([...cache.serialize()].join(''))).toEqual({
      'claude\u0000x': 3,
      'crush\u0000walk': { at: 2 },
    });
  });

  it('is not read by a forced run (`--force` looks at everything again)', async () => {
    const home = await mkdtemp(join(tmpdir(), 'convx-cache-home-'));
    const out = await mkdtemp(join(tmpdir(), 'convx-cache-out-'));
    await mkdir(join(home, '.fake'));
    const seen: unknown[] = [];
    const remembering = defineAdapter({
      ...fakeAdapter,
      discover(ctx, locations) {
        seen.push(ctx.cache.get('runs'));
        ctx.cache.set('runs', ((ctx.cache.get('runs') as number | undefined) ?? 0) + 1);
        return fakeAdapter.discover(ctx, locations);
      },
    });
    const run = (force: boolean) => runSync(aliceBackup(out, home, { adapters: [remembering], force }));
    await run(false);
    await run(false);
    await run(true);
    await run(false);
    expect(seen).toEqual([undefined, 1, undefined, 1]);
  });
});
