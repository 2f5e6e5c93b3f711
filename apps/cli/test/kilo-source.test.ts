import { fileURLToPath } from 'node:url';
import { kiloAdapter as kiloTasksAdapter } from '@convx/adapter-cline';
import { kiloAdapter as kiloStoreAdapter } from '@convx/adapter-opencode';
import { createAdapterContext, discoveredRefs, type Message, type SessionRef } from '@convx/core';
import { type ExportFixture, exportFixtures, runAdapterConformance } from '@convx/core/testing';
import { markdownRenderer } from '@convx/render-md';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { combineAdapters } from '../src/combine-adapters.js';
import { kiloSource } from '../src/run-plugins.js';
import { builtinSources } from '../src/sources.js';

// `kilo` is one source read by two adapters: the old extension's task folders and the OpenCode-format store.
const home = fileURLToPath(new URL('../../../fixtures/home', import.meta.url));
const kilo = await kiloSource({});
const TASK = '3f8e2a6d-4b1c-4d7e-9a05-6c3b8e1f2d47';
const STORE = 'ses_02KQ7M3N4P5Q6R7S8T9V0W1X2Y';

runAdapterConformance({ describe, it }, { adapter: kilo, home, minSessions: 2 });

describe('the kilo source', () => {
  it('is registered once, as the combined reader run specs load from the CLI', () => {
    expect(builtinSources.kilo).toEqual({
      module: '@convx/cli/run-plugins',
      export: 'kiloSource',
      options: {},
    });
    expect(kilo).toMatchObject({ name: 'kilo', displayName: 'Kilo Code' });
  });

  it('looks in both generations’ default locations', () => {
    const env = { home: '/home/u', env: {}, platform: 'linux' as const };
    expect(kilo.defaultLocations(env)).toEqual([
      ...kiloTasksAdapter.defaultLocations(env),
      ...kiloStoreAdapter.defaultLocations(env),
    ]);
    expect(kilo.defaultLocations(env)).toContain('/home/u/.local/share/kilo');
  });

  it('keeps the first part’s copy of an id both find, and streams what a part only loads', async () => {
    const message: Message = { kind: 'text', role: 'user', text: 'hi' };
    const part = (name: string) => ({
      name,
      defaultLocations: () => ['/x'],
      async *discover(): AsyncIterable<SessionRef> {
        yield { sessionId: 'same', fingerprint: name, path: `/${name}`, data: name };
      },
      load: async (_ctx: unknown, ref: SessionRef) => ({
        schemaVersion: 1 as const,
        key: `${name}:${ref.sessionId}`,
        source: name,
        sessionId: ref.sessionId,
        models: [],
        sourceLocation: { path: ref.path },
        messages: [message],
        diagnostics: [],
      }),
    });
    const both = combineAdapters({ name: 'both', displayName: 'Both' }, [part('a'), part('b')]);
    const ctx = createAdapterContext({ home });
    const refs = await discoveredRefs(both.discover(ctx, ['/x']));
    expect(refs).toEqual([{ sessionId: 'same', fingerprint: 'a', path: '/a', data: { part: 0, data: 'a' } }]);
    const [ref] = refs;
    if (!ref) throw new Error('nothing discovered');
    expect(await both.load(ctx, ref)).toMatchObject({
      source: 'both',
      key: 'both:same',
      sourceLocation: { path: '/a' },
    });
    expect(both.stream).toBeUndefined();
  });

  it('keeps the other part’s sessions, and what a failing part found before it threw, and reports it', async () => {
    const ref = (id: string): SessionRef => ({ sessionId: id, fingerprint: id, path: `/${id}` });
    const failing = {
      name: 'failing',
      displayName: 'Failing',
      defaultLocations: () => ['/x'],
      async *discover(): AsyncIterable<SessionRef> {
        yield ref('before-throw');
        throw new Error('database is locked');
      },
      load: () => Promise.reject(new Error('not loaded here')),
    };
    const working = { ...failing, name: 'working', displayName: 'Working', discover: () => [ref('kept')] };
    const both = combineAdapters({ name: 'both', displayName: 'Both' }, [failing, working]);
    const problems: unknown[] = [];
    const ctx = createAdapterContext({ home, onProblem: (problem) => problems.push(problem) });
    const refs = await discoveredRefs(both.discover(ctx, ['/x', '/y']));
    expect(refs.map((found) => [found.sessionId, found.data?.part])).toEqual([
      ['before-throw', 0],
      ['kept', 1],
    ]);
    expect(problems).toEqual([{ path: '/x, /y', message: 'Failing: discovery failed: database is locked' }]);
  });

  describe('exported through the engine', () => {
    let fixture: ExportFixture;
    beforeAll(async () => {
      fixture = await exportFixtures({ adapter: kilo, renderer: markdownRenderer, home });
    });
    afterAll(() => fixture.cleanup());

    it('writes the task folder’s session and kilo.db’s under history/…/kilo/, keyed kilo:<id>', async () => {
      const twins = fixture.report.written.filter((p) => p.endsWith('.json'));
      expect(twins).toHaveLength(2);
      expect(twins.every((p) => p.startsWith('history/alice/kilo/laptop/'))).toBe(true);
      const keys = await Promise.all(
        twins.map(async (p) => (JSON.parse(await fixture.read(p)) as { key: string }).key),
      );
      expect(keys.sort()).toEqual([`kilo:${TASK}`, `kilo:${STORE}`]);
      const again = await fixture.again();
      expect(again.sources.kilo).toMatchObject({ discovered: 2, unchanged: 2 });
    });
  });
});
