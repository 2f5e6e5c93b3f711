import { mkdtempSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../src/engine/atomic.js';

const dir = mkdtempSync(join(tmpdir(), 'convx-atomic-'));
const tmp = mkdtempSync(join(tmpdir(), 'convx-atomic-tmp-'));
const old = new Date('2020-01-01T00:00:00Z');

describe('writeFileAtomic', () => {
  it('writes a small file, leaves an identical one untouched, and replaces a same-size different one', async () => {
    const target = join(dir, 'a', 'small.md');
    expect(await writeFileAtomic(target, ['# Tïtle\n', 'body ✓\n'], tmp)).toBe('written');
    expect(readFileSync(target, 'utf8')).toBe('# Tïtle\nbody ✓\n');
    utimesSync(target, old, old);
    expect(await writeFileAtomic(target, '# Tïtle\nbody ✓\n', tmp)).toBe('unchanged');
    expect(statSync(target).mtimeMs).toBe(old.getTime());
    expect(await writeFileAtomic(target, '# Tïtle\nbody ✗\n', tmp)).toBe('written');
    expect(readFileSync(target, 'utf8')).toBe('# Tïtle\nbody ✗\n');
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('keeps a surrogate pair intact where the text is cut into slices to encode it', async () => {
    const target = join(dir, 'pair.md');
    const text = `${'a'.repeat(64 * 1024 - 1)}😀${'b'.repeat(64 * 1024)}é😀`;
    expect(await writeFileAtomic(target, text, tmp)).toBe('written');
    expect(readFileSync(target, 'utf8')).toBe(text);
    expect(readFileSync(target).length).toBe(Buffer.byteLength(text));
  });

  it('streams a multi-megabyte multibyte file in pieces and recognizes it unchanged', async () => {
    const target = join(dir, 'big.json');
    const pieces = Array.from({ length: 4000 }, (_, i) => `line ${i}: ${'é€😀 '.repeat(200)}\n`);
    expect(await writeFileAtomic(target, pieces, tmp)).toBe('written');
    const expected = pieces.join('');
    expect(Buffer.byteLength(expected)).toBeGreaterThan(2_000_000);
    expect(readFileSync(target, 'utf8')).toBe(expected);
    utimesSync(target, old, old);
    expect(await writeFileAtomic(target, pieces, tmp)).toBe('unchanged');
    expect(statSync(target).mtimeMs).toBe(old.getTime());
    expect(readdirSync(tmp)).toEqual([]);
  });
});
