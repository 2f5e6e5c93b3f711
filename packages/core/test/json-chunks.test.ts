import { describe, expect, it } from 'vitest';
import { jsonObjectChunks } from '../src/io/json-chunks.js';

describe('jsonObjectChunks', () => {
  it('gives exactly JSON.stringify of the object, in pieces well below a large string', () => {
    const entries: Array<[string, unknown]> = [];
    for (let i = 0; i < 5000; i++) {
      entries.push([
        `codex:${i}"quoted\\${i}`,
        { n: i, title: `Session ${i} — ünïcode ✓`, skip: undefined, list: [i, null, 'x'] },
      ]);
    }
    entries.push(['gone', undefined]);
    const pieces = [...jsonObjectChunks(entries)];
    expect(pieces.join('')).toBe(JSON.stringify(Object.fromEntries(entries)));
    expect(pieces.length).toBeGreaterThan(10);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(40 * 1024);
  });

  it('serializes an empty object', () => {
    expect([...jsonObjectChunks([])].join('')).toBe('{}');
  });
});
