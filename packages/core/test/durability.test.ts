import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DurabilityBarrier } from '../src/store/durability.js';

const dir = mkdtempSync(join(tmpdir(), 'convx-durable-'));
const file = (name: string) => {
  const path = join(dir, name);
  writeFileSync(path, `${name}\n`);
  return path;
};

describe('DurabilityBarrier', () => {
  it('flushes what was written since the last flush, once', async () => {
    const barrier = new DurabilityBarrier(dir);
    barrier.add(file('a.md'));
    barrier.add(file('b.md'));
    expect(barrier.size).toBe(2);
    await barrier.flush();
    expect(barrier.size).toBe(0);
    await barrier.flush(); // nothing pending: a no-op
  });

  it('fsyncs file by file where syncfs is not available, skipping files removed since', async () => {
    const barrier = new DurabilityBarrier(dir, 'darwin');
    const gone = file('gone.md');
    barrier.add(file('kept.md'));
    barrier.add(gone);
    rmSync(gone);
    await expect(barrier.flush()).resolves.toBeUndefined();
    expect(barrier.size).toBe(0);
  });

  it('reports a file it cannot open for another reason', async () => {
    const barrier = new DurabilityBarrier(dir, 'win32');
    barrier.add(join(dir, 'not-a-dir.md', 'child.md'));
    writeFileSync(join(dir, 'not-a-dir.md'), 'x');
    await expect(barrier.flush()).rejects.toThrow(/ENOTDIR/);
  });
});
