import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Adapter, defineAdapter, loadFromStream, type Message } from '../src/index.js';
import { exportFixtures, runAdapterConformance, runRendererConformance } from '../src/testing/index.js';
import { fakeAdapter, streamingFakeAdapter } from './support/fake-adapter.js';
import { plainRenderer } from './support/plain-renderer.js';

const home = mkdtempSync(join(tmpdir(), 'convx-kit-'));
mkdirSync(join(home, '.fake'));
writeFileSync(
  join(home, '.fake', 'one.jsonl'),
  '{"id":"one","start":"2026-01-01T00:00:00Z"}\n{"role":"user","text":"hi"}\n',
);

// The kit run against the tiny reference adapter: it must pass.
runAdapterConformance({ describe, it }, { adapter: fakeAdapter, home });
runAdapterConformance({ describe, it }, { adapter: streamingFakeAdapter, home });
runRendererConformance({ describe, it }, { renderer: plainRenderer });

describe('the conformance kit catches broken adapters', () => {
  it('rejects an adapter that changes the session id on load', async () => {
    const broken = defineAdapter({
      ...fakeAdapter,
      name: 'broken',
      load: async (ctx, ref) => ({
        ...(await fakeAdapter.load(ctx, ref)),
        sessionId: 'other',
        key: 'broken:other',
        source: 'broken',
      }),
    });
    const tests: Array<{ name: string; fn: () => unknown }> = [];
    runAdapterConformance(
      { describe: (_n, fn) => fn(), it: (name, fn) => void tests.push({ name, fn }) },
      { adapter: broken, home },
    );
    const loadTest = tests.find((t) => t.name.startsWith('loads every discovered session'));
    await expect(loadTest?.fn()).rejects.toThrow(/changed the session id/);
  });

  it('rejects an adapter that hashes an inline payload itself instead of handing it to ctx.attachment', async () => {
    const broken = defineAdapter({
      ...fakeAdapter,
      name: 'broken',
      load: async (ctx, ref) => {
        const session = await fakeAdapter.load(ctx, ref);
        const bytes = Buffer.from('an image');
        const message: Message = {
          kind: 'text',
          role: 'user',
          text: 'see',
          attachments: [{ type: 'image/png', size: bytes.length, sha256: ctx.hash(bytes) }],
        };
        return { ...session, source: 'broken', key: `broken:${session.sessionId}`, messages: [message] };
      },
    });
    const tests: Array<{ name: string; fn: () => unknown }> = [];
    runAdapterConformance(
      { describe: (_n, fn) => fn(), it: (name, fn) => void tests.push({ name, fn }) },
      { adapter: broken, home },
    );
    const payloadTest = tests.find((t) => t.name.startsWith('hands every inline payload'));
    await expect(payloadTest?.fn()).rejects.toThrow(/hashed without ctx.attachment/);
  });

  it('rejects an adapter whose stream disagrees with its load', async () => {
    const broken = defineAdapter({
      ...streamingFakeAdapter,
      name: 'broken',
      stream: async (ctx, ref, emit) => {
        const session = await streamingFakeAdapter.stream(ctx, ref, () => {});
        emit({ kind: 'text', role: 'user', text: 'not in the file' });
        return session;
      },
    });
    const tests: Array<{ name: string; fn: () => unknown }> = [];
    runAdapterConformance(
      { describe: (_n, fn) => fn(), it: (name, fn) => void tests.push({ name, fn }) },
      { adapter: broken, home },
    );
    const streamTest = tests.find((t) => t.name.startsWith('streams every session'));
    await expect(streamTest?.fn()).rejects.toThrow(/stream\(\) and load\(\) disagree/);
  });

  it('rejects an adapter that changes a message after emitting it', async () => {
    const stream: NonNullable<Adapter['stream']> = async (ctx, ref, emit) => {
      const kept: Message[] = [];
      const session = await streamingFakeAdapter.stream(ctx, ref, (m) => {
        kept.push(m);
        emit(m);
      });
      for (const m of kept) if (m.kind === 'text') m.text += ' (edited later)';
      return session;
    };
    const broken = defineAdapter({
      ...streamingFakeAdapter,
      name: 'broken',
      stream,
      load: (ctx, ref) => loadFromStream(stream, ctx, ref),
    });
    const tests: Array<{ name: string; fn: () => unknown }> = [];
    runAdapterConformance(
      { describe: (_n, fn) => fn(), it: (name, fn) => void tests.push({ name, fn }) },
      { adapter: broken, home },
    );
    const streamTest = tests.find((t) => t.name.startsWith('streams every session'));
    await expect(streamTest?.fn()).rejects.toThrow(/disagree/);
  });

  it('rejects a renderer whose output is not deterministic', async () => {
    let n = 0;
    const flaky = {
      ...plainRenderer,
      name: 'flaky',
      render: () => [{ suffix: '.md', content: String(n++) }],
    };
    const tests: Array<{ name: string; fn: () => unknown }> = [];
    runRendererConformance(
      { describe: (_n, fn) => fn(), it: (name, fn) => void tests.push({ name, fn }) },
      { renderer: flaky },
    );
    expect(() => tests.find((t) => t.name.startsWith('is deterministic'))?.fn()).toThrow(/differs/);
  });
});

describe('exportFixtures', () => {
  it('exports through the engine and reads the transcript and its twin back; a second run writes nothing', async () => {
    const fixture = await exportFixtures({ adapter: fakeAdapter, renderer: plainRenderer, home });
    try {
      const base = 'history/alice/fake/laptop/_unknown-project/2026-01-01-0000-hi';
      expect(fixture.report.written.sort()).toEqual([
        'history/alice/fake/laptop/_unknown-project/.2026-01-01-0000-hi.json',
        `${base}.md`,
      ]);
      expect(await fixture.read(`${base}.md`)).toBe('# one\n- text: hi\n');
      expect((await fixture.twin(base)).messages).toEqual([{ kind: 'text', role: 'user', text: 'hi' }]);
      expect((await fixture.again()).written).toEqual([]);
    } finally {
      await fixture.cleanup();
    }
  });
});
