import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../src/store/atomic.js';
import { RealFolders } from '../src/store/real-folders.js';

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

  it('replaces a link at the target’s name, even one to a file holding the same bytes, never writing through it', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'convx-atomic-outside-'));
    const pointed = join(outside, 'same.md');
    writeFileSync(pointed, 'same\n');
    const target = join(dir, 'linked.md');
    symlinkSync(pointed, target);
    expect(await writeFileAtomic(target, 'same\n', tmp)).toBe('written');
    expect(lstatSync(target).isFile()).toBe(true);
    symlinkSync(pointed, join(dir, 'linked-big.json'));
    const pieces = Array.from({ length: 3000 }, (_, i) => `line ${i} ${'x'.repeat(500)}\n`);
    writeFileSync(pointed, pieces.join(''));
    expect(await writeFileAtomic(join(dir, 'linked-big.json'), pieces, tmp)).toBe('written');
    expect(lstatSync(join(dir, 'linked-big.json')).isFile()).toBe(true);
    expect(readdirSync(outside)).toEqual(['same.md']);
  });

  it('with the run’s folders, refuses to write below a link and leaves no temp file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'convx-atomic-root-'));
    const outside = mkdtempSync(join(tmpdir(), 'convx-atomic-outside-'));
    mkdirSync(join(root, 'history'));
    symlinkSync(outside, join(root, 'history', 'alice'));
    const folders = new RealFolders(root);
    await expect(
      writeFileAtomic(join(root, 'history', 'alice', 'a', 'x.md'), 'text', tmp, { folders }),
    ).rejects.toThrow(`${join(root, 'history', 'alice')} is a symbolic link`);
    expect(readdirSync(outside)).toEqual([]);
    expect(readdirSync(tmp)).toEqual([]);
    expect(await writeFileAtomic(join(root, 'history', 'bob', 'x.md'), 'text', tmp, { folders })).toBe(
      'written',
    );
    expect(readFileSync(join(root, 'history', 'bob', 'x.md'), 'utf8')).toBe('text');
  });
});
