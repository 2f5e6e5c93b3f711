import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PersistentCache } from '../src/store/discovery-cache.js';

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
});
