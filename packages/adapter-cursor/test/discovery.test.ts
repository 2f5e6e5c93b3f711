import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createAdapterContext, discoveredRefs, memoryCache } from '@convx/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cursorAdapter } from '../src/index.js';
import { putRows } from './fixtures/build-home.js';
import { bubbleComposer, homeWith, turn } from './fixtures/scenarios.js';
import { demoSpec, discover, get, loadAll, outline, refFor, tempHome } from './helpers.js';

const LOGIN = '0b9e7f6a-2c4d-4e8f-a1b3-c5d7e9f1a2b4';
const homes: (() => Promise<void>)[] = [];
const home = async (spec: Parameters<typeof tempHome>[0]) => {
  const built = await tempHome(spec);
  homes.push(built.cleanup);
  return built;
};
afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of homes.splice(0)) await cleanup();
});

/** Counts the SQL statements prepared while `run` runs. */
async function countStatements(run: () => Promise<unknown>): Promise<string[]> {
  const spy = vi.spyOn(DatabaseSync.prototype, 'prepare');
  await run();
  const sql = spy.mock.calls.map(([text]) => String(text));
  spy.mockRestore();
  return sql;
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) visit(path);
      else
        out[path] =
          `${statSync(path).mtimeMs}:${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
    }
  };
  visit(dir);
  return out;
}

describe('discovery over the demo stores', () => {
  it('reports the corrupt database with its path and still exports everything else', async () => {
    const { home: h, user } = await home(demoSpec());
    const { refs, problems, sessions } = await loadAll(h, user);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe(
      join(user, 'workspaceStorage', 'f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1', 'state.vscdb'),
    );
    expect(problems[0]?.message).toMatch(/corrupt or not a SQLite database/);
    // It names the project of its workspace, so a sync in another repository can tell it is not its own.
    expect(problems[0]?.cwd).toMatch(/\/code\/broken$/);
    expect(refs).toHaveLength(9);
    // Each conversation of a known workspace says whose it is too, before it is read.
    expect(new Set(refs.map((ref) => ref.cwd?.slice(h.length)))).toContain('/code/api');
    expect(sessions.size).toBe(9);
    // The empty composer is not a conversation.
    expect(sessions.has('e0e0e0e0-0000-4000-8000-000000000000')).toBe(false);
  });

  it('never writes: every file is byte- and mtime-identical afterwards, no journal or WAL appears', async () => {
    const { home: h, user } = await home(demoSpec());
    const before = snapshot(user);
    await loadAll(h, user);
    expect(snapshot(user)).toEqual(before);
  });

  it('gives stable fingerprints, and a new one only to the composer that gained a bubble', async () => {
    const { home: h, user } = await home(demoSpec());
    const first = await discover(h, user);
    const again = await discover(h, user);
    expect(again.refs.map((r) => r.fingerprint)).toEqual(first.refs.map((r) => r.fingerprint));

    // Add a bubble the way Cursor does (new row + header), leaving lastUpdatedAt alone.
    const db = new DatabaseSync(join(user, 'globalStorage', 'state.vscdb'));
    const row = db.prepare('SELECT value FROM cursorDiskKV WHERE key = ?').get(`composerData:${LOGIN}`);
    const composer = JSON.parse(String(row?.value));
    composer.fullConversationHeadersOnly.push({ bubbleId: 'added-1', type: 1 });
    putRows(db, 'cursorDiskKV', {
      [`composerData:${LOGIN}`]: composer,
      [`bubbleId:${LOGIN}:added-1`]: { bubbleId: 'added-1', type: 1, text: 'One more question.' },
    });
    db.close();

    const after = await discover(h, user);
    const changed = after.refs
      .filter((r, i) => r.fingerprint !== first.refs[i]?.fingerprint)
      .map((r) => r.sessionId);
    expect(after.refs.map((r) => r.sessionId)).toEqual(first.refs.map((r) => r.sessionId));
    expect(changed).toEqual([LOGIN]);
    const session = await cursorAdapter.load(createAdapterContext({ home: h }), refFor(after.refs, LOGIN));
    expect(outline(session).at(-1)).toBe('text/user: One more question.');
  });

  it('answers a warm run from the cache without a single query', async () => {
    const { home: h, user } = await home(demoSpec());
    const cache = memoryCache();
    const cold = await discover(h, user, cache);
    let warm: Awaited<ReturnType<typeof discover>> | undefined;
    const statements = await countStatements(async () => {
      warm = await discover(h, user, cache);
    });
    expect(statements).toEqual([]);
    expect(warm?.refs).toEqual(cold.refs);
    // The corrupt database is remembered as such (until its file changes) and reported again.
    expect(warm?.problems).toHaveLength(1);
  });

  it('fetches the bubbles of a composer in one range query on the key', async () => {
    const { home: h, user } = await home(demoSpec());
    const { refs } = await discover(h, user);
    const ref = refFor(refs, LOGIN);
    const statements = await countStatements(() =>
      cursorAdapter.load(createAdapterContext({ home: h }), ref),
    );
    const bubbleQueries = statements.filter((sql) => sql.includes('cursorDiskKV WHERE key >= ?'));
    expect(bubbleQueries).toHaveLength(1);
    expect(statements.some((sql) => /LIKE/i.test(sql))).toBe(false);
    expect(statements).toHaveLength(2); // the composer row, then its bubbles
  });
});

describe('the same composer in two stores', () => {
  const id = '11111111-2222-4333-8444-555555555555';
  const inline = (n: number) => ({
    composerId: id,
    name: 'Inline copy',
    createdAt: 1737000000000,
    lastUpdatedAt: 1737000100000,
    conversation: turn('inline', n).map((b) => ({ bubbleId: b.id, type: b.type, text: b.text })),
  });

  it('keeps the richer copy: the global one when it has more messages', async () => {
    const { home: h, user } = await home(
      homeWith(bubbleComposer(id, turn('global', 4), { name: 'Global copy' }), [inline(2)]),
    );
    const { refs, sessions } = await loadAll(h, user);
    expect(refs.map((r) => r.sessionId)).toEqual([id]);
    const session = get(sessions, id);
    expect(session.title).toBe('Global copy');
    expect(session.meta?.era).toBe('global-bubbles');
    expect(session.cwd).toBe(`${h}/code/app`);
    expect(session.messages).toHaveLength(4);
  });

  it('keeps the workspace copy when it is the richer one', async () => {
    const { home: h, user } = await home(homeWith(bubbleComposer(id, turn('global', 1)), [inline(3)]));
    const { sessions } = await loadAll(h, user);
    expect(get(sessions, id).meta?.era).toBe('workspace-inline');
    expect(outline(get(sessions, id))[2]).toBe('text/user: question 3 of inline');
  });
});

describe('damaged stores', () => {
  it('reports a composer row with invalid JSON and exports the rest', async () => {
    const good = '22222222-0000-4000-8000-000000000001';
    const { home: h, user } = await home(
      homeWith(
        { ...bubbleComposer(good, turn('good', 2)), 'composerData:broken-1': '{"_v":10,"fullConv' },
        [],
      ),
    );
    const { sessions, problems } = await loadAll(h, user);
    expect([...sessions.keys()]).toEqual([good]);
    expect(problems).toEqual([
      {
        path: join(user, 'globalStorage', 'state.vscdb'),
        message: expect.stringContaining('composerData:broken-1'),
      },
    ]);
  });

  it('counts missing and malformed bubble rows and unknown bubble types in the session diagnostics', async () => {
    const id = '33333333-0000-4000-8000-000000000001';
    const rows = bubbleComposer(id, [
      ...turn('x', 2),
      { id: 'gone', type: 1, text: '' },
      { id: 'odd', type: 2, text: '' },
    ]);
    delete rows[`bubbleId:${id}:gone`];
    rows[`bubbleId:${id}:odd`] = '{not json';
    rows[`bubbleId:${id}:x-b2`] = { bubbleId: 'x-b2', type: 30, text: 'capability bubble' };
    const { home: h, user } = await home(homeWith(rows, []));
    const session = get((await loadAll(h, user)).sessions, id);
    expect(outline(session)).toEqual(['text/user: question 1 of x']);
    expect(session.diagnostics.map((d) => [d.code, d.count])).toEqual([
      ['missing-bubble', 1],
      ['malformed-bubble', 1],
      ['unknown-bubble-type', 1],
    ]);
  });

  it('reads the committed state of a database a writer holds locked mid-transaction, touching nothing', async () => {
    const id = '44444444-0000-4000-8000-000000000001';
    const pending = '44444444-0000-4000-8000-000000000002';
    const { home: h, user } = await home({
      ...homeWith(bubbleComposer(id, turn('locked', 2)), []),
      workspaces: [
        {
          hash: 'bbbb0000bbbb0000bbbb0000bbbb0000',
          workspaceJson: { folder: 'file:///srv/other' },
          db: {
            items: {
              'workbench.panel.aichat.view.aichat.chatdata': {
                tabs: [{ tabId: 'tab-1', bubbles: [{ type: 'user', text: 'hi' }] }],
              },
            },
          },
        },
      ],
    });
    const path = join(user, 'globalStorage', 'state.vscdb');
    const locker = new DatabaseSync(path);
    locker.exec('BEGIN EXCLUSIVE');
    // An uncommitted conversation: its pages are in the file's rollback journal, not yet committed.
    const insert = locker.prepare('INSERT INTO cursorDiskKV (key, value) VALUES (?, ?)');
    for (const [key, value] of Object.entries(bubbleComposer(pending, turn('pending', 2))))
      insert.run(key, JSON.stringify(value));
    try {
      const before = snapshot(user);
      const { refs, problems } = await discover(h, user);
      expect(problems).toEqual([]);
      expect(refs.map((r) => r.sessionId).sort()).toEqual([id, 'tab-1'].sort());
      expect(snapshot(user)).toEqual(before);
    } finally {
      locker.exec('ROLLBACK');
      locker.close();
    }
  });
});

describe('write-ahead log', () => {
  it('sees rows still in the WAL and notices a change that only touched the WAL', async () => {
    const id = '55555555-0000-4000-8000-000000000001';
    const { home: h, user } = await home(homeWith({}, []));
    const writer = new DatabaseSync(join(user, 'globalStorage', 'state.vscdb'));
    try {
      writer.exec('PRAGMA journal_mode = WAL');
      writer.exec('PRAGMA wal_autocheckpoint = 0');
      putRows(writer, 'cursorDiskKV', bubbleComposer(id, turn('wal', 2)));
      const cache = memoryCache();
      const first = await discover(h, user, cache);
      expect(first.refs.map((r) => r.sessionId)).toEqual([id]);
      putRows(writer, 'cursorDiskKV', bubbleComposer(id, turn('wal', 3)));
      const second = await discover(h, user, cache);
      expect(second.refs[0]?.fingerprint).not.toBe(first.refs[0]?.fingerprint);
    } finally {
      writer.close();
    }
  });
});

describe('scale', () => {
  it('discovers 2,000 composers from one global database', async () => {
    const kv: Record<string, unknown> = {};
    for (let i = 0; i < 2000; i++) {
      Object.assign(
        kv,
        bubbleComposer(`c${String(i).padStart(5, '0')}-0000-4000-8000-000000000000`, turn(`s${i}`, 4)),
      );
    }
    const { home: h, user } = await home({ global: { kv } });
    const started = performance.now();
    const { refs, problems } = await discover(h, user);
    const ms = performance.now() - started;
    expect(problems).toEqual([]);
    expect(refs).toHaveLength(2000);
    expect(new Set(refs.map((r) => r.fingerprint.split(':')[0]))).toEqual(new Set(['global-bubbles']));
    console.info(`discovered 2,000 composers in ${ms.toFixed(0)} ms`);
  }, 60_000);
});

describe('a single database file as the location', () => {
  it('exports its composers without a project', async () => {
    const id = '66666666-0000-4000-8000-000000000001';
    const { home: h, user } = await home(homeWith(bubbleComposer(id, turn('single', 2)), []));
    const ctx = createAdapterContext({ home: h });
    const refs = await discoveredRefs(
      cursorAdapter.discover(ctx, [join(user, 'globalStorage', 'state.vscdb')]),
    );
    expect(refs.map((r) => r.sessionId)).toEqual([id]);
    const session = await cursorAdapter.load(ctx, refFor(refs, id));
    expect(session.cwd).toBeUndefined();
    expect(outline(session)).toEqual([
      'text/user: question 1 of single',
      'text/assistant: answer 2 of single',
    ]);
  });
});
