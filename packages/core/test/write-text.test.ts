import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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

  it('is used by one writer at a time', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'convx-write-')), 'out.txt');
    const fd = openSync(path, 'w');
    try {
      const first = new TextWriter(fd);
      expect(() => new TextWriter(fd)).toThrow(/another writer/);
      first.abandon();
      new TextWriter(fd).end();
    } finally {
      closeSync(fd);
    }
  });
});
