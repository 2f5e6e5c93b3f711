import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScratchBuffers } from '../src/io/scratch-buffers.js';
import { TextWriter } from '../src/io/write-text.js';

async function writeWith(pieces: Array<string | Uint8Array>): Promise<{ bytes: Buffer; size: number }> {
  const path = join(await mkdtemp(join(tmpdir(), 'convx-write-')), 'out.txt');
  const fd = openSync(path, 'w');
  let size: number;
  try {
    const writer = new TextWriter(fd);
    for (const piece of pieces) writer.write(piece);
    size = writer.end();
  } finally {
    closeSync(fd);
  }
  return { bytes: readFileSync(path), size };
}

describe('TextWriter', () => {
  it('writes exactly the joined pieces, however they are cut', async () => {
    const emoji = '😀'; // two UTF-16 halves
    const pieces = [
      'plain ',
      'é',
      emoji.slice(0, 1), // a surrogate pair split across pieces is reunited
      emoji.slice(1),
      'x'.repeat(70_000), // bigger than the buffer's share: written on its own
      ...Array.from({ length: 5_000 }, (_, i) => `line ${i} ${emoji}\n`),
      `ends with half a pair ${emoji.slice(0, 1)}`,
    ];
    const joined = pieces.join('');
    const { bytes, size } = await writeWith(pieces);
    expect(bytes.equals(Buffer.from(joined, 'utf8'))).toBe(true);
    expect(size).toBe(bytes.length);
    expect(bytes.toString('utf8')).toContain(`plain é${emoji}x`);
  });

  it('writes bytes as they are, in order with the text around them', async () => {
    const pieces = [
      'head é ',
      Buffer.from('raw €\n'),
      'middle ',
      Buffer.alloc(0),
      Buffer.from('x'.repeat(300_000)),
      ' tail',
    ];
    const { bytes, size } = await writeWith(pieces);
    expect(bytes.toString('utf8')).toBe(`head é raw €\nmiddle ${'x'.repeat(300_000)} tail`);
    expect(size).toBe(bytes.length);
  });

  it('lets two writers of one run write at once, each through its own buffer, and reuses them after', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'convx-write-'));
    const buffers = new ScratchBuffers();
    const fds = [openSync(join(dir, 'a.txt'), 'w'), openSync(join(dir, 'b.txt'), 'w')];
    const taken: Buffer[] = [];
    const take = buffers.take.bind(buffers);
    buffers.take = (size) => {
      const buffer = take(size);
      taken.push(buffer);
      return buffer;
    };
    try {
      const [a, b] = fds.map((fd) => new TextWriter(fd, buffers)) as [TextWriter, TextWriter];
      for (let i = 0; i < 20_000; i++) {
        a.write(`a${i} é\n`);
        b.write(`b${i} 😀\n`);
      }
      expect(a.end()).toBeGreaterThan(0);
      b.end();
      // Both buffers went back: the next writers get them again instead of new ones.
      new TextWriter(fds[0] as number, buffers).end();
      new TextWriter(fds[1] as number, buffers).abandon();
    } finally {
      for (const fd of fds) closeSync(fd);
    }
    const lines = (make: (i: number) => string) => Array.from({ length: 20_000 }, (_, i) => make(i)).join('');
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe(lines((i) => `a${i} é\n`));
    expect(readFileSync(join(dir, 'b.txt'), 'utf8')).toBe(lines((i) => `b${i} 😀\n`));
    expect(taken).toHaveLength(4);
    expect(taken[0]).not.toBe(taken[1]);
    expect(new Set(taken).size).toBe(2);
  });
});
