import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runAdapterConformance } from '@convx/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { cursorAdapter } from '../src/index.js';
import { buildHome, userDir } from './fixtures/build-home.js';
import { demoSpec, FIXTURES_HOME } from './helpers.js';

// Nine conversations: two legacy tabs, one inline workspace composer, one global inline composer and five
// bubble-per-row composers (one of them an orphan). The corrupt workspace database is reported, not fatal.
const EXPORTED = 9;

runAdapterConformance(
  { describe, it },
  {
    adapter: cursorAdapter,
    home: FIXTURES_HOME,
    // The committed fixtures are laid out the Linux way; name the folder so the kit runs on any OS.
    locations: [userDir(FIXTURES_HOME)],
    minSessions: EXPORTED,
    additionalTests: ({ loadAll }) => {
      it('exports every era from the committed fixtures', async () => {
        const eras = (await loadAll()).map((s) => s.meta?.era).sort();
        expect(eras).toEqual([
          'global-bubbles',
          'global-bubbles',
          'global-bubbles',
          'global-bubbles',
          'global-bubbles',
          'global-inline',
          'legacy-chat',
          'legacy-chat',
          'workspace-inline',
        ]);
      });
    },
  },
);

// The same description in a temp home, where the multi-root workspace file exists on disk.
const generated = mkdtempSync(join(tmpdir(), 'convx-cursor-kit-'));
buildHome(generated, demoSpec());
runAdapterConformance(
  { describe, it },
  { adapter: cursorAdapter, home: generated, locations: [userDir(generated)], minSessions: EXPORTED },
);
afterAll(async () => {
  const { rm } = await import('node:fs/promises');
  await rm(generated, { recursive: true, force: true });
});

describe('committed fixtures', () => {
  it('are exactly what scripts/make-fixtures.mjs writes from test/fixtures/demo-home.json', () => {
    const fresh = mkdtempSync(join(tmpdir(), 'convx-cursor-fresh-'));
    buildHome(fresh, demoSpec(), { homeInPaths: '/home/alice', cursorOnly: true });
    const spec = demoSpec();
    const files = [
      'globalStorage/state.vscdb',
      ...(spec.workspaces ?? []).flatMap((w) => [
        `workspaceStorage/${w.hash}/state.vscdb`,
        ...(w.workspaceJson === undefined ? [] : [`workspaceStorage/${w.hash}/workspace.json`]),
      ]),
    ];
    for (const file of files) {
      const committed = readFileSync(join(userDir(FIXTURES_HOME), file));
      const rebuilt = readFileSync(join(userDir(fresh), file));
      expect(committed.equals(rebuilt), `${relative(FIXTURES_HOME, file)} is stale: run make-fixtures`).toBe(
        true,
      );
    }
  });
});
