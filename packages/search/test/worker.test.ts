import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexPath, openIndex } from '../src/index.js';
import { m, TestHistory } from './support/history.js';

const history = new TestHistory();
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];

beforeAll(async () => {
  for (let i = 0; i < 240; i++) {
    const word = (n: number) => WORDS[(i * 7 + n) % WORDS.length];
    history.write({
      id: `s${String(i).padStart(3, '0')}`,
      title: `Session ${i} about ${word(0)}`,
      startedAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
      messages: [
        m.user(`${word(1)} and ${word(2)} in parseQuery${i}`),
        m.assistant(`${word(3)} ${word(4)} ${'filler text '.repeat(i % 50)}`),
        m.call('Bash', { command: `grep ${word(5)} src` }),
        m.output(`${word(6)}\n`.repeat(1 + (i % 30))),
      ],
    });
  }
  // One bad twin among them.
  history.write({ id: 'zz-bad', messages: [m.user('unreadable later')] });
  await history.export();
}, 120_000);
afterAll(() => history.cleanup());

describe('a bulk update in a worker thread', () => {
  it('indexes exactly what an update in this thread does', async () => {
    const { readdirSync, readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = join(history.outputRoot, 'history/alice/claude/laptop/code/app');
    const bad = readdirSync(dir).find((n) => n.startsWith('.') && n.includes('unreadable'));
    const badPath = join(dir, bad ?? '');
    writeFileSync(badPath, readFileSync(badPath, 'utf8').replace('"unreadable later"', '"unreadable'));

    const queries = [
      'alpha bravo',
      'golf -hotel',
      '"filler text"',
      'parseQuery17',
      'query',
      'echo source:claude',
    ];
    const run = async (open: typeof openIndex) => {
      rmSync(indexPath(history.outputRoot), { force: true });
      const index = await open(history.outputRoot);
      try {
        const report = await index.update();
        return { report: { ...report, ms: 0 }, hits: queries.map((q) => index.search(q, { limit: 500 })) };
      } finally {
        index.close();
      }
    };
    const here = await run(openIndex);
    // The built package: a bulk update parses in its worker thread only when the built entry exists.
    const built: typeof import('../src/index.js') = await import(
      new URL('../dist/index.js', import.meta.url).href
    );
    const threaded = await run(built.openIndex);
    expect(threaded.report).toEqual(here.report);
    expect(here.report).toMatchObject({
      added: 240,
      failed: [{ path: expect.stringContaining('unreadable') }],
    });
    for (let i = 0; i < queries.length; i++) {
      const strip = (r: (typeof here.hits)[number]) =>
        r.hits.map(({ score, ...hit }) => ({ ...hit, score: Math.round(score * 1000) }));
      expect(strip(threaded.hits[i] as (typeof here.hits)[number]), queries[i]).toEqual(
        strip(here.hits[i] as (typeof here.hits)[number]),
      );
      expect(threaded.hits[i]?.total).toBe(here.hits[i]?.total);
    }
    expect(here.hits[3]?.hits.map((h) => h.key)).toEqual(['claude:s017']);
  }, 120_000);
});
