import { rm, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { chat, loadAll, request, tempDir, writeTree } from './helpers.js';

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});
async function userDir(files: Record<string, string>): Promise<string> {
  const root = await tempDir();
  roots.push(root);
  const user = join(root, 'Code', 'User');
  writeTree(user, files);
  return user;
}

const ID = '11111111-2222-4333-8444-555555555555';
const WS = 'workspaceStorage/aaaa0000bbbb1111cccc2222dddd3333';
const log = (title: string, prompt: string) =>
  [
    JSON.stringify({ kind: 0, v: JSON.parse(chat(ID, [], { customTitle: title })) }),
    JSON.stringify({ kind: 2, k: ['requests'], v: [request(prompt)] }),
  ].join('\n');

function writeDatabase(path: string, sessions: unknown[]): void {
  const db = new DatabaseSync(path);
  db.exec('CREATE TABLE IF NOT EXISTS ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)');
  db.prepare('INSERT INTO ItemTable (key, value) VALUES (?, ?)').run(
    'interactive.sessions',
    JSON.stringify(sessions),
  );
  db.close();
}

describe('discovery', () => {
  it('reads a chat file named on its own by its extension in any case; a name that is only a dot-extension is none', async () => {
    const user = await userDir({
      [`chats/${ID}.JSONL`]: log('Upper case', 'a prompt'),
      'chats/.json': chat(ID, [request('no id')]),
    });
    const { refs } = await loadAll([join(user, 'chats', `${ID}.JSONL`), join(user, 'chats', '.json')]);
    expect(refs.map((r) => [r.sessionId, r.data?.generation, r.fingerprint.split(':')[0]])).toEqual([
      [ID, 'jsonl', 'jsonl'],
    ]);
  });

  it('prefers the .jsonl log over a .json copy of the same chat, even a newer one', async () => {
    const user = await userDir({
      [`${WS}/workspace.json`]: '{"folder":"file:///home/alice/app"}',
      [`${WS}/chatSessions/${ID}.jsonl`]: log('From the log', 'log prompt'),
      [`${WS}/chatSessions/${ID}.json`]: chat(ID, [request('json prompt')], { customTitle: 'From the json' }),
    });
    await utimes(join(user, WS, 'chatSessions', `${ID}.json`), new Date(), new Date(Date.now() + 60_000));
    const { refs, sessions } = await loadAll([user]);
    expect(refs.map((r) => [r.sessionId, r.data?.generation])).toEqual([[ID, 'jsonl']]);
    expect(sessions[0]?.title).toBe('From the log');
  });

  it('prefers a chat file over the database copy, and a workspace copy over a transferred one', async () => {
    const user = await userDir({
      [`${WS}/workspace.json`]: '{"folder":"file:///home/alice/app"}',
      [`${WS}/chatSessions/${ID}.json`]: chat(ID, [request('in the workspace')]),
      [`globalStorage/transferredChatSessions/${ID}.json`]: chat(ID, [request('transferred')]),
    });
    writeDatabase(join(user, WS, 'state.vscdb'), [JSON.parse(chat(ID, [request('in the database')]))]);
    const { refs, sessions } = await loadAll([user]);
    expect(refs).toHaveLength(1);
    expect(refs[0]?.data).toMatchObject({ generation: 'json', storage: 'workspace' });
    expect(sessions[0]?.cwd).toBe('/home/alice/app');
  });

  it('fingerprints a file by its stat and a database chat by its content', async () => {
    const other = '99999999-2222-4333-8444-555555555555';
    const user = await userDir({ [`${WS}/chatSessions/${ID}.json`]: chat(ID, [request('hi')]) });
    const db = join(user, 'globalStorage', 'state.vscdb');
    writeTree(user, { 'globalStorage/.keep': '' });
    writeDatabase(db, [JSON.parse(chat(other, [request('a')])), JSON.parse(chat('third', [request('b')]))]);
    const first = await loadAll([user]);
    const file = first.refs.find((r) => r.sessionId === ID);
    expect(file?.fingerprint).toMatch(/^json:\d+:[\d.]+$/);
    expect(file?.files).toEqual([join(user, WS, 'chatSessions', `${ID}.json`)]);
    const dbRef = first.refs.find((r) => r.sessionId === other);
    expect(dbRef?.data).toMatchObject({ generation: 'state.vscdb', storage: 'empty-window' });
    // Another chat in the same database changes; this one's fingerprint does not.
    writeDatabase(db, [
      JSON.parse(chat(other, [request('a')])),
      JSON.parse(chat('third', [request('b, edited')])),
    ]);
    const second = await loadAll([user]);
    expect(second.refs.find((r) => r.sessionId === other)?.fingerprint).toBe(dbRef?.fingerprint);
    expect(second.refs.find((r) => r.sessionId === 'third')?.fingerprint).not.toBe(
      first.refs.find((r) => r.sessionId === 'third')?.fingerprint,
    );
  });

  it('never reads extension folders or edit snapshots beside chatSessions', async () => {
    const user = await userDir({
      [`${WS}/chatSessions/${ID}.json`]: chat(ID, [request('hi')]),
      [`${WS}/chatEditingSessions/${ID}/state.json`]: '{"version":2}',
      [`${WS}/GitHub.copilot-chat/chat.json`]: '{}',
      'globalStorage/github.copilot-chat/sessions/x.json': '{}',
    });
    expect((await loadAll([user])).refs.map((r) => r.sessionId)).toEqual([ID]);
  });

  it('takes a single chat file or state.vscdb named as a location, the project unknown', async () => {
    const user = await userDir({ 'exported/chat.json': chat(ID, [request('exported')]) });
    const dbPath = join(user, 'old.vscdb');
    writeDatabase(dbPath, [JSON.parse(chat('from-db', [request('old')]))]);
    const { refs, sessions } = await loadAll([join(user, 'exported', 'chat.json'), dbPath]);
    expect(refs.map((r) => [r.sessionId, r.data?.storage])).toEqual([
      ['chat', 'file'],
      ['from-db', 'file'],
    ]);
    expect(sessions.map((s) => s.cwd)).toEqual([undefined, undefined]);
  });

  it('maps a multi-root window to the first folder of its .code-workspace (JSONC, relative folders)', async () => {
    const user = await userDir({ [`${WS}/chatSessions/${ID}.json`]: chat(ID, [request('hi')]) });
    const root = join(user, '..', '..');
    writeTree(root, {
      'team/team.code-workspace':
        '{\n  // the API first\n  "folders": [{ "path": "api" }, { "path": "../shared/web" }],\n}\n',
    });
    writeTree(join(user, WS), {
      'workspace.json': JSON.stringify({
        workspace: `file://${encodeURI(join(root, 'team', 'team.code-workspace'))}`,
      }),
    });
    const { sessions } = await loadAll([user]);
    expect(sessions[0]?.cwd).toBe(join(root, 'team', 'api'));
    expect(sessions[0]?.meta?.folders).toEqual([join(root, 'team', 'api'), join(root, 'shared', 'web')]);
    expect(sessions[0]?.diagnostics).toEqual([]);
  });

  it('reports a database it cannot read and goes on with the rest', async () => {
    const user = await userDir({
      [`${WS}/chatSessions/${ID}.json`]: chat(ID, [request('hi')]),
      'workspaceStorage/broken/state.vscdb':
        'this is not a database, just text that is long enough to be read',
    });
    const { refs, problems } = await loadAll([user]);
    expect(refs.map((r) => r.sessionId)).toEqual([ID]);
    expect(problems).toEqual([
      expect.stringMatching(/broken\/state\.vscdb: cannot read VS Code database .*not a database/),
    ]);
  });
});
