import { fileURLToPath } from 'node:url';
import { type ExportFixture, exportFixtures, runAdapterConformance } from '@convx/core/testing';
import { markdownRenderer } from '@convx/render-md';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpencodeAdapter, kiloAdapter, opencodeAdapter } from '../src/index.js';
import { FAKE_SECRET } from './fixture-db.js';
import { KILO_ID } from './fixture-kilo.js';

// Kilo Code's new store is OpenCode's format in another folder: the same reader, under the source `kilo`.
const home = fileURLToPath(new URL('../../../fixtures/home', import.meta.url));

runAdapterConformance({ describe, it }, { adapter: kiloAdapter, home, minSessions: 1 });

describe('kilo: OpenCode’s format in Kilo Code’s folder', () => {
  it('reads $XDG_DATA_HOME/kilo, else ~/.local/share/kilo, on every OS', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const)
      expect(kiloAdapter.defaultLocations({ home: '/home/u', env: {}, platform })).toEqual([
        '/home/u/.local/share/kilo',
      ]);
    expect(
      kiloAdapter.defaultLocations({ home: '/home/u', env: { XDG_DATA_HOME: '/data' }, platform: 'linux' }),
    ).toEqual(['/data/kilo']);
    expect(opencodeAdapter.defaultLocations({ home: '/home/u', env: {}, platform: 'linux' })).toEqual([
      '/home/u/.local/share/opencode',
    ]);
  });

  it('names itself and its errors after the tool it reads', () => {
    expect(kiloAdapter).toMatchObject({ name: 'kilo', displayName: 'Kilo Code' });
    expect(createOpencodeAdapter()).toMatchObject({ name: 'opencode', displayName: 'OpenCode' });
  });

  describe('exported through the engine and render-md', () => {
    let fixture: ExportFixture;
    beforeAll(async () => {
      fixture = await exportFixtures({ adapter: kiloAdapter, renderer: markdownRenderer, home });
    });
    afterAll(() => fixture.cleanup());
    const base = 'history/alice/kilo/laptop/code/api/2026-04-20-1530-explain-the-rate-limiter';

    it('writes kilo.db’s session under the kilo source, never opencode.db’s', async () => {
      expect(fixture.report.written.filter((p) => p.endsWith('.md'))).toEqual([`${base}.md`]);
      const twin = await fixture.twin(base);
      expect(twin).toMatchObject({
        source: 'kilo',
        key: `kilo:${KILO_ID}`,
        cwd: '/home/alice/code/api',
        models: ['z-ai/glm-4.6'],
        meta: { version: '7.1.4', store: 'db' },
      });
      const md = await fixture.read(`${base}.md`);
      expect(md).toContain('source: "kilo"');
      expect(md).toContain('<summary>Tool: <code>read</code>');
      expect(md).toContain('rejects the 121st with a 429');
      expect(md).not.toContain(FAKE_SECRET);
    });
  });
});
