import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { backupLayout, createAdapterContext, discoveredRefs, runSync, type SyncOptions } from '@convx/core';
import { markdownRenderer } from '@convx/render-md';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { opencodeAdapter } from '../src/index.js';
import { buildOpencodeDb, writeStorageTree } from './fixture-db.js';
import { CHILD_ID, dbSessions, ROOT_ID, storageSessions } from './fixture-sessions.js';

const temps: string[] = [];
const apps: ChildProcess[] = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.kill('SIGKILL');
});
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** Path → content of every file under `dir`. */
function contents(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.set(relative(dir, path), readFileSync(path, 'utf8'));
  }
  return out;
}

/** Names, sizes and mtimes of the files in a folder. */
function listing(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith('opencode.db'))
    .sort()
    .map((name) => {
      const s = statSync(join(dir, name), { bigint: true });
      return `${name} ${s.size} ${s.mtimeNs}`;
    });
}

describe('a session in two stores', () => {
  it('keeps what was exported from the database when the database is deleted or cannot be read', async () => {
    const home = temp('convx-opencode-home-');
    const data = join(home, '.local/share/opencode');
    mkdirSync(data, { recursive: true });
    buildOpencodeDb(join(data, 'opencode.db'), dbSessions);
    // The older storage tree also holds the root session: a stale copy, with another title and no subagent.
    writeStorageTree(data, storageSessions);
    const out = temp('convx-opencode-out-');
    const options: SyncOptions = {
      adapters: [opencodeAdapter],
      renderer: markdownRenderer,
      outputRoot: out,
      historySubpath: 'history',
      layout: backupLayout({ user: 'alice', systemName: 'laptop', home }),
      locationEnv: { home, env: {}, platform: 'linux' },
    };
    const first = await runSync(options);
    expect(first.failures).toEqual([]);
    const history = join(out, 'history');
    const exported = contents(history);
    const names = [...exported.keys()];
    expect(names.some((name) => name.endsWith(`agent-${CHILD_ID}.md`))).toBe(true);
    expect(names.some((name) => name.includes('add-hourly-forecast-endpoint'))).toBe(true);

    // Deleted (OpenCode reinstalled, a cleanup): the storage copy does not replace the export.
    rmSync(join(data, 'opencode.db'));
    const gone = await runSync(options);
    expect(gone.failures).toEqual([]);
    expect(gone.written).toEqual([]);
    expect(gone.removed).toEqual([]);
    expect(contents(history)).toEqual(exported);

    // Unreadable: a reported failure naming the database, and still nothing rewritten or removed.
    writeFileSync(join(data, 'opencode.db'), 'not a database '.repeat(300));
    const broken = await runSync(options);
    expect(broken.failures.map((f) => f.path)).toEqual([join(data, 'opencode.db')]);
    expect(broken.written).toEqual([]);
    expect(broken.removed).toEqual([]);
    expect(contents(history)).toEqual(exported);
  });
});

describe('a WAL-mode opencode.db', () => {
  it('is read — rows only in the -wal of a running OpenCode too — without creating or changing a file beside it', async () => {
    const home = temp('convx-opencode-home-');
    const data = join(home, '.local/share/opencode');
    mkdirSync(data, { recursive: true });
    const path = join(data, 'opencode.db');
    buildOpencodeDb(path, dbSessions);
    const db = new DatabaseSync(path);
    db.exec('PRAGMA journal_mode = WAL');
    db.close();
    const closed = listing(data);
    expect(closed).toHaveLength(1);
    expect(await rootTitle(home)).toBe('Add hourly forecast endpoint');
    expect(listing(data)).toEqual(closed);

    // OpenCode running: it renamed the session, and the change is still only in its write-ahead log.
    const script = `const { DatabaseSync } = require('node:sqlite');
      const db = new DatabaseSync(process.argv[1]); db.exec('PRAGMA wal_autocheckpoint = 0');
      db.prepare('UPDATE session SET title = ?, time_updated = time_updated + 1 WHERE id = ?').run('Renamed live', process.argv[2]);
      process.stdout.write('ready'); setInterval(() => {}, 1000);`;
    const app = spawn(process.execPath, ['-e', script, path, ROOT_ID], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    apps.push(app);
    await new Promise<void>((resolve, reject) => {
      app.stdout?.once('data', () => resolve());
      app.once('exit', (code) => reject(new Error(`OpenCode stand-in exited with ${code}`)));
    });
    const live = listing(data);
    expect(live.map((line) => line.split(' ')[0])).toEqual([
      'opencode.db',
      'opencode.db-shm',
      'opencode.db-wal',
    ]);
    expect(await rootTitle(home)).toBe('Renamed live');
    expect(listing(data)).toEqual(live);
  });
});

async function rootTitle(home: string): Promise<string | undefined> {
  const ctx = createAdapterContext({ home });
  const locations = opencodeAdapter.defaultLocations({ home, env: {}, platform: 'linux' });
  const ref = (await discoveredRefs(opencodeAdapter.discover(ctx, locations))).find(
    (r) => r.sessionId === ROOT_ID,
  );
  return ref ? (await opencodeAdapter.load(ctx, ref)).title : undefined;
}
