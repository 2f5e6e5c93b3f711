import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Adapter,
  type AdapterContext,
  createAdapterContext,
  defineAdapter,
  discoveredRefs,
  runSync,
  type SessionRef,
} from '../src/index.js';
import { fakeAdapter } from './support/fake-adapter.js';
import { aliceBackup } from './support/sync-options.js';

// `Adapter.discover` answers an array, a promise of one, or an async iterable (a community adapter's async
// generator): the engine exports the same sessions, in the same order, once per id, from each.

let home: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'convx-shapes-home-'));
  await mkdir(join(home, '.fake'));
  for (const [index, id] of ['c-third', 'a-first', 'b-second'].entries()) {
    const header = { id, title: `Title ${id}`, start: `2026-01-0${index + 1}T00:00:00Z` };
    await writeFile(
      join(home, '.fake', `${id}.jsonl`),
      `${JSON.stringify(header)}\n{"role":"user","text":"hi"}\n`,
    );
  }
});

/** The fake source's refs, listed synchronously, in reverse name order, the first one twice. */
function listed(ctx: AdapterContext, locations: string[]): SessionRef[] {
  const refs = locations
    .flatMap((root) => ctx.walk(root, { patterns: ['*.jsonl'] }))
    .reverse()
    .map((file) => ({
      sessionId: basename(file.path, '.jsonl'),
      fingerprint: `${file.size}:${file.mtimeMs}`,
      path: file.path,
      files: [file.path],
    }));
  return refs.length ? [...refs, { ...(refs[0] as SessionRef), fingerprint: 'listed twice' }] : refs;
}

const shapes: Record<string, Adapter['discover']> = {
  'an array': listed,
  'a promise of an array': async (ctx, locations) => listed(ctx, locations),
  'an async generator': async function* (ctx, locations) {
    yield* listed(ctx, locations);
  },
};

/** The ids the engine loaded, in the order it loaded them, and the files it wrote. */
async function exported(discover: Adapter['discover']): Promise<{ loaded: string[]; written: string[] }> {
  const out = await mkdtemp(join(tmpdir(), 'convx-shapes-out-'));
  const loaded: string[] = [];
  const adapter = defineAdapter({
    ...fakeAdapter,
    discover,
    load: (ctx, ref) => {
      loaded.push(ref.sessionId);
      return fakeAdapter.load(ctx, ref);
    },
  });
  const report = await runSync(aliceBackup(out, home, { adapters: [adapter] }));
  expect(report.failures).toEqual([]);
  expect(report.totals).toMatchObject({ discovered: 3, new: 3, failed: 0 });
  return { loaded, written: report.written.filter((file) => file.endsWith('.md')) };
}

describe('what discover answers', () => {
  it.each(Object.keys(shapes))('exports each session once, in discovery order, from %s', async (shape) => {
    const { loaded, written } = await exported(shapes[shape] as Adapter['discover']);
    // Loaded in discovery order (reverse name order here), the second `c-third` left out.
    expect(loaded).toEqual(['c-third', 'b-second', 'a-first']);
    expect(written).toEqual([
      'history/alice/fake/laptop/_unknown-project/2026-01-01-0000-title-c-third.md',
      'history/alice/fake/laptop/_unknown-project/2026-01-02-0000-title-a-first.md',
      'history/alice/fake/laptop/_unknown-project/2026-01-03-0000-title-b-second.md',
    ]);
  });

  it.each(Object.keys(shapes))('reads as the same refs with discoveredRefs, from %s', async (shape) => {
    const ctx = createAdapterContext({ home });
    const locations = [join(home, '.fake')];
    const refs = await discoveredRefs((shapes[shape] as Adapter['discover'])(ctx, locations));
    expect(refs).toEqual(listed(ctx, locations));
  });

  it('hands an array back as it is (no copy, no promise per ref)', async () => {
    const refs = listed(createAdapterContext({ home }), [join(home, '.fake')]);
    expect(await discoveredRefs(refs)).toBe(refs);
  });
});
