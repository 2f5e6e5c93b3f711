import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import {
  createAdapterContext,
  discoveredRefs,
  type Message,
  memoryCache,
  type Session,
  type SessionRef,
} from '@convx/core';
import { afterAll, describe, expect, it } from 'vitest';
import opencodeDefault, { type OpencodeRefData, opencodeAdapter } from '../src/index.js';
import { buildOpencodeDb, FAKE_SECRET, MINIMAL_SCHEMA, writeStorageTree } from './fixture-db.js';
import {
  CHILD_ID,
  childSession,
  dbSessions,
  PLACEHOLDER_ID,
  ROOT_ID,
  rootSession,
  STORAGE_CHILD_ID,
  STORAGE_ONLY_ID,
  staleRootInStorage,
  storageSessions,
} from './fixture-sessions.js';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A fresh home with `.local/share/opencode/` built from the fixture description. */
function makeHome(build: (dataDir: string) => void): string {
  const home = mkdtempSync(join(tmpdir(), 'convx-opencode-'));
  temps.push(home);
  const dataDir = join(home, '.local', 'share', 'opencode');
  mkdirSync(dataDir, { recursive: true });
  build(dataDir);
  return home;
}

async function discover(home: string, problems: { path: string; message: string }[] = []) {
  const ctx = createAdapterContext({ home, onProblem: (p) => problems.push(p) });
  const locations = opencodeAdapter.defaultLocations({ home, env: {}, platform: process.platform });
  return discoveredRefs(opencodeAdapter.discover(ctx, locations));
}

async function loadAll(home: string): Promise<Map<string, Session>> {
  const out = new Map<string, Session>();
  for (const ref of await discover(home))
    out.set(ref.sessionId, await opencodeAdapter.load(createAdapterContext({ home }), ref));
  return out;
}

function describeMessage(m: Message): string {
  switch (m.kind) {
    case 'text':
    case 'thinking':
      return `${m.kind}:${m.role}:${m.text}`;
    case 'context':
      return `context:${m.label}:${m.text}`;
    case 'tool-call':
      return `call:${m.name}:${m.callId}`;
    case 'tool-result':
      return `result:${m.name}:${m.isError ? 'error' : 'ok'}:${m.output}`;
    case 'event':
      return `event:${m.event}:${m.text ?? ''}`;
  }
}

const fullHome = makeHome((dir) => {
  buildOpencodeDb(join(dir, 'opencode.db'), dbSessions);
  writeStorageTree(dir, storageSessions);
});

describe('opencode adapter', () => {
  it('is the default and the named export, and honours XDG_DATA_HOME', () => {
    expect(opencodeDefault).toBe(opencodeAdapter);
    const env = { XDG_DATA_HOME: '/data/xdg' };
    expect(opencodeAdapter.defaultLocations({ home: '/home/a', env, platform: 'linux' })).toEqual([
      '/data/xdg/opencode',
    ]);
    expect(opencodeAdapter.defaultLocations({ home: '/home/a', env: {}, platform: 'linux' })).toEqual([
      '/home/a/.local/share/opencode',
    ]);
  });

  it('yields root sessions once, de-duplicated across the db and the storage tree', async () => {
    const refs = await discover(fullHome);
    expect(refs.map((r) => r.sessionId)).toEqual([ROOT_ID, PLACEHOLDER_ID, STORAGE_ONLY_ID].sort());
    const root = refs.find((r) => r.sessionId === ROOT_ID);
    expect(root?.path).toBe(join(fullHome, '.local/share/opencode/opencode.db'));
    expect(root?.files).toBeUndefined();
    expect(refs.find((r) => r.sessionId === STORAGE_ONLY_ID)?.files).toHaveLength(12);
  });

  it('reads texts, thinking, tool pairs with errors, files, patches and an aborted turn from the db', async () => {
    const s = (await loadAll(fullHome)).get(ROOT_ID);
    expect(s?.title).toBe('Add hourly forecast endpoint');
    expect(s?.cwd).toBe('/home/alice/code/weather-app');
    expect(s?.models).toEqual(['claude-sonnet-4-5']);
    expect(s?.startedAt).toBe('2026-03-05T10:00:00.000Z');
    expect(s?.messages.map(describeMessage)).toEqual([
      'text:user:Add a /forecast/hourly endpoint that returns the next 24 hours.',
      'context:synthetic:Called the Read tool with the following input: {"filePath":"src/routes/index.ts"}',
      'thinking:assistant:Routes are registered centrally; I should find the registry before adding a handler.',
      "text:assistant:I'll find where routes are registered, then add the handler and a test.",
      'call:task:toolu_task_01',
      'result:task:ok:Routes are registered in src/routes/index.ts.',
      'call:read:toolu_read_02',
      'result:read:ok:export const routes = [daily];\n',
      'call:bash:toolu_bash_03',
      'result:bash:error:Command failed: npm test -- hourly\n1 failing: hourly returns 24 entries',
      'result:patch:ok:Changed files:\n- /home/alice/code/weather-app/src/routes/hourly.ts\n- /home/alice/code/weather-app/src/routes/index.ts',
      'text:assistant:The endpoint is in place; hourly tests pass now.',
      'call:edit:toolu_edit_04',
      'text:user:Skip the README, thanks.',
      'text:assistant:Understood, leaving',
      'event:abort:The operation was aborted.',
    ]);
    const prompt = s?.messages[0];
    expect(prompt?.kind === 'text' && prompt.attachments).toEqual([
      { type: 'image/png', name: 'mockup.png', size: 70, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    const bash = s?.messages.find((m) => m.kind === 'tool-call' && m.name === 'bash');
    expect(bash).toMatchObject({ input: { command: 'npm test -- hourly' }, model: 'claude-sonnet-4-5' });
    expect(s?.sourceLocation.locator).toBe(`session:${ROOT_ID}`);
  });

  it('nests the child session under its parent with its agent', async () => {
    const s = (await loadAll(fullHome)).get(ROOT_ID);
    expect(s?.children).toHaveLength(1);
    const child = s?.children?.[0];
    expect(child?.sessionId).toBe(CHILD_ID);
    expect(childSession.title).toBe('Find route registration (@explore subagent)');
    expect(child?.title).toBe('Find route registration');
    expect(child?.agent).toEqual({ id: CHILD_ID, type: 'explore', description: 'Find route registration' });
    expect(child?.models).toEqual(['claude-haiku-4-5']);
    expect(child?.messages.map(describeMessage)).toEqual([
      'text:user:Find where routes are registered',
      'text:assistant:Routes are registered in src/routes/index.ts.',
    ]);
  });

  it('drops placeholder titles, flags compactions and counts a malformed message row', async () => {
    const s = (await loadAll(fullHome)).get(PLACEHOLDER_ID);
    expect(s?.title).toBeUndefined();
    expect(s?.cwd).toBe('/home/alice/code/ledger');
    expect(s?.messages.map(describeMessage)).toEqual([
      'text:user:What does `ledger reconcile` do?',
      'text:assistant:It matches bank statement lines to ledger entries and marks the pairs as cleared.',
      'event:compaction:',
    ]);
    expect(s?.diagnostics).toEqual([expect.objectContaining({ code: 'malformed-record', count: 1 })]);
  });

  it('prefers the db copy of a session also in storage, and reads storage-only sessions with children', async () => {
    const all = await loadAll(fullHome);
    expect(all.get(ROOT_ID)?.title).toBe(rootSession.title);
    expect(JSON.stringify([...all.values()])).not.toContain('STALE storage copy');
    const s = all.get(STORAGE_ONLY_ID);
    expect(s?.title).toBe('Tidy zsh startup');
    expect(s?.cwd).toBe('/home/alice/code/dotfiles');
    expect(s?.meta).toMatchObject({ store: 'storage', version: '0.15.8' });
    expect(s?.messages.map(describeMessage)).toEqual([
      'text:user:Why does my shell take two seconds to start?',
      'thinking:assistant:Profiling with zprof will show which plugin is slow.',
      'call:bash:toolu_bash_11',
      'result:bash:ok:num  calls  time\n 1)    1  1612.40  nvm_load\n',
      'text:assistant:nvm takes 1.6 s; load it lazily on first use.',
    ]);
    expect(s?.children?.map((c) => [c.sessionId, c.agent?.type])).toEqual([[STORAGE_CHILD_ID, 'general']]);
  });

  it('never reads or exports account and credential tables', async () => {
    const all = JSON.stringify([...(await loadAll(fullHome)).values()]);
    expect(all).not.toContain(FAKE_SECRET);
    expect(all).not.toContain('alice@example.com');
  });

  it('changes the root fingerprint when a child session part changes, and only then', async () => {
    const home = makeHome((dir) => buildOpencodeDb(join(dir, 'opencode.db'), dbSessions));
    const before = await discover(home);
    expect((await discover(home)).map((r) => r.fingerprint)).toEqual(before.map((r) => r.fingerprint));
    const db = new DatabaseSync(join(home, '.local/share/opencode/opencode.db'));
    db.prepare('UPDATE part SET time_updated = time_updated + 1 WHERE session_id = ?').run(CHILD_ID);
    db.close();
    const after = await discover(home);
    const print = (refs: SessionRef<OpencodeRefData>[], id: string) =>
      refs.find((r) => r.sessionId === id)?.fingerprint;
    expect(print(after, ROOT_ID)).not.toBe(print(before, ROOT_ID));
    expect(print(after, PLACEHOLDER_ID)).toBe(print(before, PLACEHOLDER_ID));
  });

  it('reads a leaner schema without optional columns', async () => {
    const home = makeHome((dir) => buildOpencodeDb(join(dir, 'opencode.db'), dbSessions, MINIMAL_SCHEMA));
    const all = await loadAll(home);
    expect([...all.keys()]).toEqual([ROOT_ID, PLACEHOLDER_ID].sort());
    expect(all.get(ROOT_ID)?.children?.[0]?.sessionId).toBe(CHILD_ID);
    expect(all.get(ROOT_ID)?.messages.filter((m) => m.kind === 'tool-result')).toHaveLength(4);
  });

  it('accepts a database file as a location, and counts an unreadable storage part', async () => {
    const home = makeHome((dir) => {
      buildOpencodeDb(join(dir, 'opencode.db'), dbSessions);
      writeStorageTree(dir, storageSessions);
      writeFileSync(
        join(dir, 'storage/part/msg_01HXQ3M40000000000000002/prt_01HXQ3M40000000000000003.json'),
        '{"id":',
      );
    });
    const ctx = createAdapterContext({ home });
    const dbPath = join(home, '.local/share/opencode/opencode.db');
    const onlyDb = (await discoveredRefs(opencodeAdapter.discover(ctx, [dbPath]))).map(
      (ref) => ref.sessionId,
    );
    expect(onlyDb).toEqual([ROOT_ID, PLACEHOLDER_ID].sort());
    const s = (await loadAll(home)).get(STORAGE_ONLY_ID);
    expect(s?.messages.filter((m) => m.kind === 'tool-call')).toHaveLength(0);
    expect(s?.diagnostics).toEqual([
      expect.objectContaining({
        code: 'unreadable-file',
        path: expect.stringContaining('prt_01HXQ3M40000000000000003.json'),
      }),
    ]);
  });

  it('reports a corrupt database with its path and, never having read it, uses none of the storage copies', async () => {
    const home = makeHome((dir) => {
      writeFileSync(join(dir, 'opencode.db'), 'this is not a sqlite database, just bytes '.repeat(200));
      writeStorageTree(dir, storageSessions);
    });
    const problems: { path: string; message: string }[] = [];
    const refs = await discover(home, problems);
    expect(problems).toEqual([
      {
        path: join(home, '.local/share/opencode/opencode.db'),
        message: expect.stringContaining('could not be read'),
      },
    ]);
    // Which sessions the database holds is unknown: an older storage copy must not stand in for any of them.
    expect(refs).toEqual([]);
  });

  it('once the database was read, uses the storage copies only of sessions it did not hold', async () => {
    const home = makeHome((dir) => {
      buildOpencodeDb(join(dir, 'opencode.db'), dbSessions);
      writeStorageTree(dir, storageSessions);
    });
    const cache = memoryCache();
    const run = async () => {
      const problems: { path: string; message: string }[] = [];
      const ctx = createAdapterContext({ home, cache, onProblem: (p) => problems.push(p) });
      const locations = opencodeAdapter.defaultLocations({ home, env: {}, platform: process.platform });
      const refs = await discoveredRefs(opencodeAdapter.discover(ctx, locations));
      return { ids: refs.map((r) => r.sessionId), problems };
    };
    expect((await run()).ids).toEqual([ROOT_ID, PLACEHOLDER_ID, STORAGE_ONLY_ID].sort());
    const db = join(home, '.local/share/opencode/opencode.db');
    writeFileSync(db, 'this is not a sqlite database, just bytes '.repeat(200));
    const broken = await run();
    expect(broken.problems.map((p) => p.path)).toEqual([db]);
    expect(broken.ids).toEqual([STORAGE_ONLY_ID]);
    rmSync(db);
    expect(await run()).toEqual({ ids: [STORAGE_ONLY_ID], problems: [] });
  });

  it('takes the fresher copy of a session both stores hold', async () => {
    const home = makeHome((dir) => {
      buildOpencodeDb(join(dir, 'opencode.db'), dbSessions);
      // A storage copy written after the database's: it wins (with its own messages and children).
      writeStorageTree(dir, [
        { ...staleRootInStorage, title: 'Newer in storage', updated: rootSession.updated + 1 },
      ]);
    });
    const refs = await discover(home);
    expect(refs.find((r) => r.sessionId === ROOT_ID)?.path).toContain('storage');
    const s = (await loadAll(home)).get(ROOT_ID);
    expect(s?.title).toBe('Newer in storage');
    expect(s?.meta).toMatchObject({ store: 'storage' });
  });

  it('reads the committed state of a database a writer holds locked', async () => {
    const home = makeHome((dir) => buildOpencodeDb(join(dir, 'opencode.db'), dbSessions));
    const writer = new DatabaseSync(join(home, '.local/share/opencode/opencode.db'));
    writer.exec('PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;');
    writer.exec(
      "INSERT INTO session (id, project_id, directory, title, version, time_created, time_updated) VALUES ('ses_uncommitted', 'p', '/x', 't', '1', 1, 1)",
    );
    try {
      const problems: { path: string; message: string }[] = [];
      expect((await discover(home, problems)).map((r) => r.sessionId)).toEqual(
        [ROOT_ID, PLACEHOLDER_ID].sort(),
      );
      expect(problems).toEqual([]);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });
});
