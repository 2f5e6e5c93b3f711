import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { chat, loadAll, request, tempDir, writeTree } from './helpers.js';

const roots: string[] = [];
const apps: ChildProcess[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) app.kill('SIGKILL');
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

/** Names, sizes and mtimes of a folder's files: reading a store must leave them exactly as they were. */
function listing(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const s = statSync(join(dir, name), { bigint: true });
      return `${name} ${s.size} ${s.mtimeNs}`;
    });
}

/** VS Code, running in another process: the database in WAL mode, `sessions` written, the file kept open. */
async function runningVscode(path: string, sessions: unknown[]): Promise<void> {
  const script = `const { DatabaseSync } = require('node:sqlite');
    const db = new DatabaseSync(process.argv[1]);
    db.exec('PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0');
    db.prepare('INSERT INTO ItemTable (key, value) VALUES (?, ?)').run('interactive.sessions', process.argv[2]);
    process.stdout.write('ready'); setInterval(() => {}, 1000);`;
  const app = spawn(process.execPath, ['-e', script, path, JSON.stringify(sessions)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  apps.push(app);
  await new Promise<void>((resolve, reject) => {
    app.stdout?.once('data', () => resolve());
    app.once('exit', (code) => reject(new Error(`the writer exited with ${code}`)));
  });
}

const A = 'aaaaaaaa-0000-4000-8000-00000000000a';
const B = 'bbbbbbbb-0000-4000-8000-00000000000b';

async function workspace(): Promise<{ user: string; dir: string; db: string }> {
  const root = await tempDir();
  roots.push(root);
  const user = join(root, 'User');
  const dir = join(user, 'workspaceStorage', 'f00dfeed');
  writeTree(dir, { 'workspace.json': '{"folder":"file:///home/alice/ledger"}' });
  const db = new DatabaseSync(join(dir, 'state.vscdb'));
  db.exec('CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)');
  db.prepare('INSERT INTO ItemTable (key, value) VALUES (?, ?)').run(
    'interactive.sessions',
    JSON.stringify([JSON.parse(chat(A, [request('first chat', { response: [{ value: 'answer A' }] })]))]),
  );
  db.close();
  return { user, dir, db: join(dir, 'state.vscdb') };
}

describe('state.vscdb, read-only', () => {
  it('reads a WAL-mode database VS Code has closed and leaves its folder exactly as it was', async () => {
    const { user, dir, db } = await workspace();
    const wal = new DatabaseSync(db);
    wal.exec('PRAGMA journal_mode = WAL');
    wal.close();
    const before = listing(dir);
    const { sessions, problems } = await loadAll([user]);
    expect(problems).toEqual([]);
    expect(sessions.map((s) => s.messages.map((m) => (m.kind === 'text' ? m.text : m.kind)))).toEqual([
      ['first chat', 'answer A'],
    ]);
    expect(sessions[0]?.cwd).toBe('/home/alice/ledger');
    expect(listing(dir)).toEqual(before);
  });

  it('reads chats that live only in the -wal of a running VS Code, and creates or changes nothing', async () => {
    const { user, dir, db } = await workspace();
    await runningVscode(db, [
      JSON.parse(chat(A, [request('first chat', { response: [{ value: 'answer A' }] })])),
      JSON.parse(chat(B, [request('second chat', { response: [{ value: 'answer B' }] })])),
    ]);
    const before = listing(dir);
    expect(before.map((line) => line.split(' ')[0])).toEqual([
      'state.vscdb',
      'state.vscdb-shm',
      'state.vscdb-wal',
      'workspace.json',
    ]);
    const { sessions, problems } = await loadAll([user]);
    expect(problems).toEqual([]);
    expect(sessions.map((s) => s.title)).toEqual(['first chat', 'second chat']);
    expect(listing(dir)).toEqual(before);
  });
});
