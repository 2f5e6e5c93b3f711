import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { backupLayout, defineRenderer, runSync, type SyncOptions } from '@convx/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cursorAdapter } from '../src/index.js';
import { demoSpec, tempHome } from './helpers.js';

/** A tiny renderer: the outline of a session, enough to see what the engine wrote. */
const plain = defineRenderer({
  name: 'plain',
  version: '1',
  render: (session) => [
    { suffix: '.md', content: session.messages.map((m) => ('text' in m ? m.text : m.kind)).join('\n') },
  ],
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('with the sync engine', () => {
  it('exports every conversation into its project folder, reports the corrupt store, and re-runs without a query', async () => {
    const { home, cleanup } = await tempHome(demoSpec());
    cleanups.push(cleanup);
    const out = await mkdtemp(join(tmpdir(), 'convx-cursor-out-'));
    cleanups.push(() => rm(out, { recursive: true, force: true }));
    const options: SyncOptions = {
      adapters: [cursorAdapter],
      renderer: plain,
      outputRoot: out,
      historySubpath: 'history',
      layout: backupLayout({ user: 'alice', systemName: 'laptop', home }),
      locationEnv: { home, env: {}, platform: 'linux' },
    };
    const first = await runSync(options);
    // The corrupt store is one discovered entry that failed: the row adds up, and lists what it counts.
    expect(first.sources.cursor).toEqual({
      discovered: 10,
      new: 9,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      failed: 1,
    });
    expect(first.failures.map((f) => f.path)).toEqual([
      join(home, '.config/Cursor/User/workspaceStorage/f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1/state.vscdb'),
    ]);
    const written = first.written
      .filter((p) => p.endsWith('.md'))
      .map((p) => p.replace(/^.*history\//, ''))
      .sort();
    // Folders of cwds outside this home (the remote and Windows ones) are core's layout business; the rest:
    expect(written).toEqual(
      expect.arrayContaining([
        'alice/cursor/laptop/_unknown-project/2024-06-26-1106-what-does-git-rebase-onto-do.md',
        'alice/cursor/laptop/_unknown-project/2025-09-16-0520-write-a-regex-that-matches-iso-dates-like-2025-09-16.md',
        'alice/cursor/laptop/code/api/2024-06-10-1000-pagination-for-orders.md',
        'alice/cursor/laptop/code/api/2025-11-12-0933-fix-flaky-login-test.md',
        'alice/cursor/laptop/code/my notes app/2025-01-15-1000-rename-the-notes-folder.md',
        'alice/cursor/laptop/code/my notes app/2025-03-03-1106-meeting-notes-summary.md',
        'alice/cursor/laptop/code/shop/frontend/2025-06-06-0853-share-the-price-formatter.md',
      ]),
    );
    expect(written.map((p) => p.split('/').slice(-2).join('/'))).toEqual(
      expect.arrayContaining([
        'billing/2025-11-13-0213-billing-cron-on-devbox.md',
        'win-app/2025-08-12-1200-powershell-build-script.md',
      ]),
    );
    expect(written).toHaveLength(9);
    const login = await readFile(
      join(out, 'history/alice/cursor/laptop/code/api/2025-11-12-0933-fix-flaky-login-test.md'),
      'utf8',
    );
    expect(login.split('\n')[0]).toBe(
      'The login test fails about one run in five on CI. Can you find out why?',
    );

    // Second run: the persistent discovery cache answers; no database is queried, nothing is rewritten.
    const prepare = vi.spyOn(DatabaseSync.prototype, 'prepare');
    const second = await runSync(options);
    expect(prepare).not.toHaveBeenCalled();
    expect(second.sources.cursor).toEqual({
      discovered: 10,
      new: 0,
      updated: 0,
      unchanged: 9,
      skipped: 0,
      failed: 1,
    });
    expect(second.written).toEqual([]);
  });
});
