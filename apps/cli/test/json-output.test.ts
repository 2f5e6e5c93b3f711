import { describe, expect, it } from 'vitest';
import { prettyJson, writeJson } from '../src/output/json.js';

const samples: unknown[] = [
  {
    totals: { new: 2, failed: 0 },
    written: ['history/a.md', 'history/"quoted".json'],
    removed: [],
    dryRun: false,
  },
  {
    empty: {},
    list: [1, 'two', null, true, { deep: [[], [{}]] }],
    skip: undefined,
    fn: () => 1,
    date: new Date(0),
  },
  [undefined, () => 0, 'é\u2028\n\t"\\'],
  'plain',
  42,
  null,
  {
    written: Array.from(
      { length: 20000 },
      (_, i) => `history/user/codex/box/project-${i}/.2026-01-01-0000-${i}.json`,
    ),
  },
];

describe('writeJson', () => {
  it('writes exactly what JSON.stringify(value, null, 2) does, plus a newline', () => {
    for (const value of samples) {
      expect([...prettyJson(value, '')].join('')).toBe(JSON.stringify(value, null, 2));
      const pieces: string[] = [];
      writeJson({ write: (chunk: string) => pieces.push(chunk) }, value);
      expect(pieces.join('')).toBe(`${JSON.stringify(value, null, 2)}\n`);
    }
  });

  it('writes a long report in pieces, none of them large', () => {
    const pieces: string[] = [];
    writeJson({ write: (chunk: string) => pieces.push(chunk) }, samples.at(-1));
    expect(pieces.length).toBeGreaterThan(10);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(128 * 1024);
  });
});
