import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { backupLayout, defineRenderer, runSync } from '@convx/core';
import { afterEach, describe, expect, it } from 'vitest';
import { cursorAdapter } from '../src/index.js';
import { putRows } from './fixtures/build-home.js';
import { bubbleComposer, homeWith, turn } from './fixtures/scenarios.js';
import { get, loadAll, outline, tempHome } from './helpers.js';

const cleanups: (() => Promise<void>)[] = [];
const apps: ChildProcess[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) app.kill('SIGKILL');
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function home(spec: Parameters<typeof tempHome>[0]) {
  const built = await tempHome(spec);
  cleanups.push(built.cleanup);
  return { ...built, global: join(built.user, 'globalStorage') };
}

/** Names, sizes and mtimes of the files in a folder: reading a store must leave them exactly as they were. */
function listing(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const s = statSync(join(dir, name), { bigint: true });
      return `${name} ${s.size} ${s.mtimeNs}`;
    });
}

/** Cursor, running in another process: it switched the database to WAL and wrote `rows`, and stays open. */
async function runningCursor(path: string, rows: Record<string, unknown>): Promise<void> {
  const script = `const { DatabaseSync } = require('node:sqlite');
    const db = new DatabaseSync(process.argv[1]);
    db.exec('PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0');
    const put = db.prepare('INSERT INTO cursorDiskKV (key, value) VALUES (?, ?)');
    for (const [key, value] of Object.entries(JSON.parse(process.argv[2]))) put.run(key, JSON.stringify(value));
    process.stdout.write('ready'); setInterval(() => {}, 1000);`;
  const app = spawn(process.execPath, ['-e', script, path, JSON.stringify(rows)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  apps.push(app);
  await new Promise<void>((resolve, reject) => {
    app.stdout?.once('data', () => resolve());
    app.once('exit', (code) => reject(new Error(`the writer exited with ${code}`)));
  });
}

const A = '66666666-0000-4000-8000-00000000000a';
const B = '66666666-0000-4000-8000-00000000000b';

describe('WAL-mode stores', () => {
  it('reads a WAL-mode store Cursor has closed (no -wal) and leaves its folder exactly as it was', async () => {
    const { home: h, user, global } = await home(homeWith(bubbleComposer(A, turn('a', 2)), []));
    const db = new DatabaseSync(join(global, 'state.vscdb'));
    db.exec('PRAGMA journal_mode = WAL');
    db.close();
    const before = listing(global);
    expect(before).toHaveLength(1);
    const { sessions, problems } = await loadAll(h, user);
    expect(problems).toEqual([]);
    expect(outline(get(sessions, A))).toEqual([
      'text/user: question 1 of a',
      'text/assistant: answer 2 of a',
    ]);
    expect(listing(global)).toEqual(before);
  });

  it('reads a conversation that lives only in the -wal of a running Cursor, and creates or changes nothing', async () => {
    const { home: h, user, global } = await home(homeWith(bubbleComposer(A, turn('a', 2)), []));
    await runningCursor(join(global, 'state.vscdb'), bubbleComposer(B, turn('b', 4)));
    const before = listing(global);
    expect(before.map((line) => line.split(' ')[0])).toEqual([
      'state.vscdb',
      'state.vscdb-shm',
      'state.vscdb-wal',
    ]);
    const { sessions, problems } = await loadAll(h, user);
    expect(problems).toEqual([]);
    expect(outline(get(sessions, B))).toHaveLength(4);
    expect(get(sessions, A)).toBeDefined();
    expect(listing(global)).toEqual(before);
  });
});

describe('conversations deleted in Cursor', () => {
  it('are skipped, not failures: a NULL composerData row is nothing to export', async () => {
    const { home: h, user } = await home(
      homeWith(
        {
          ...bubbleComposer(A, turn('a', 2)),
          'composerData:deleted-1': null,
          'composerData:deleted-2': null,
        },
        [],
      ),
    );
    const { refs, problems, sessions } = await loadAll(h, user);
    expect(problems).toEqual([]);
    expect(refs.map((r) => r.sessionId).sort()).toEqual([A, 'deleted-1', 'deleted-2']);
    expect(get(sessions, 'deleted-1')).toMatchObject({ messages: [], meta: { era: 'deleted' } });

    // Through the engine: counted as skipped, the run has no failure, and what an earlier run wrote stays.
    const out = await mkdtemp(join(tmpdir(), 'convx-cursor-out-'));
    cleanups.push(() => rm(out, { recursive: true, force: true }));
    const plain = defineRenderer({
      name: 'plain',
      version: '1',
      render: (s) => [{ suffix: '.md', content: s.messages.map((m) => m.kind).join('\n') }],
    });
    const options = {
      adapters: [cursorAdapter],
      renderer: plain,
      outputRoot: out,
      historySubpath: 'history',
      layout: backupLayout({ user: 'alice', systemName: 'laptop', home: h }),
      locationEnv: { home: h, env: {}, platform: 'linux' as const },
    };
    const first = await runSync(options);
    expect(first.failures).toEqual([]);
    expect(first.sources.cursor).toMatchObject({ discovered: 3, new: 1, skipped: 2, failed: 0 });
    expect(first.skipped.map((s) => [s.key, s.reason])).toEqual([
      ['cursor:deleted-1', 'deleted in Cursor'],
      ['cursor:deleted-2', 'deleted in Cursor'],
    ]);
    const exported = first.written.filter((p) => p.endsWith('.md'));
    expect(exported).toHaveLength(1);

    // Then A is deleted in Cursor too: its transcript is kept as it was.
    const db = new DatabaseSync(join(user, 'globalStorage', 'state.vscdb'));
    putRows(db, 'cursorDiskKV', { [`composerData:${A}`]: null });
    db.close();
    const second = await runSync(options);
    expect(second.failures).toEqual([]);
    // All three are skipped for their reason, never loaded.
    expect(second.sources.cursor).toMatchObject({ discovered: 3, unchanged: 0, skipped: 3, failed: 0 });
    expect(new Set(second.skipped.map((s) => s.reason))).toEqual(new Set(['deleted in Cursor']));
    expect(second.removed).toEqual([]);
    expect(statSync(join(out, exported[0] as string)).isFile()).toBe(true);
  });
});
