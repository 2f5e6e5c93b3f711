#!/usr/bin/env node
// Writes the committed Copilot Chat fixtures under fixtures/home/.config/{Code,Code - Insiders}/User: every
// storage generation, shaped like the files VS Code writes. Run it after changing a chat below:
//   node packages/adapter-copilot-vscode/scripts/make-fixtures.mjs
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import * as chats from './fixture-chats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const home = join(here, '..', '..', '..', 'fixtures', 'home');
const code = join(home, '.config', 'Code', 'User');
const insiders = join(home, '.config', 'Code - Insiders', 'User');

rmSync(code, { recursive: true, force: true });
rmSync(insiders, { recursive: true, force: true });

const write = (path, text) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
};
const json = (value) => JSON.stringify(value);
const jsonl = (entries, tail = '') => `${entries.map((e) => JSON.stringify(e)).join('\n')}\n${tail}`;

// A single-folder window on this machine: generation 2 (.json) and 3 (.jsonl, with its older .json copy).
const api = join(code, 'workspaceStorage', '5b1c0e7f3a9d4e2b8c6f1a0d9e8b7c6a');
write(join(api, 'workspace.json'), json({ folder: 'file:///home/alice/code/invoice-api' }));
write(join(api, 'chatSessions', `${chats.paginate.sessionId}.json`), json(chats.paginate));
write(join(api, 'chatSessions', `${chats.hangingTestId}.json`), json(chats.hangingTestEarlier));
// VS Code's log ends mid-line when it is killed while appending: the last entry is cut short.
write(
  join(api, 'chatSessions', `${chats.hangingTestId}.jsonl`),
  jsonl(chats.hangingTestLog, '{"kind":1,"k":["lastMes'),
);
write(join(api, 'chatSessions', `${chats.emptyChat.v.sessionId}.jsonl`), jsonl([chats.emptyChat]));

// A window on a remote machine over SSH: the folder is a `vscode-remote://` URI, its authority encoded.
const billing = join(code, 'workspaceStorage', 'c0ffee11d2e3f4a5b6c7d8e9f0a1b2c3');
write(
  join(billing, 'workspace.json'),
  json({ folder: 'vscode-remote://ssh-remote%2Bdevbox/home/alice/services/billing' }),
);
write(join(billing, 'chatSessions', `${chats.migrations.sessionId}.json`), json(chats.migrations));

// Generation 1: a Windows folder (`file:///c%3A/…`) whose chats are in the window's state.vscdb.
const legacy = join(code, 'workspaceStorage', '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b');
write(join(legacy, 'workspace.json'), json({ folder: 'file:///c%3A/Users/alice/projects/legacy-ledger' }));
const db = new DatabaseSync(join(legacy, 'state.vscdb'));
db.exec('CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)');
const put = db.prepare('INSERT INTO ItemTable (key, value) VALUES (?, ?)');
put.run('interactive.sessions', json(chats.legacySessions));
put.run(
  'memento/interactive-session',
  json({ history: { copilot: [{ text: '/explain what does parseLedger return?' }] } }),
);
put.run('workbench.panel.chat.numberOfVisibleViews', '1');
db.close();

// A chat from a window without a folder.
write(
  join(code, 'globalStorage', 'emptyWindowChatSessions', `${chats.gitUndo.sessionId}.json`),
  json(chats.gitUndo),
);

// VS Code Insiders keeps its own user folder; a folder name with a space, percent-encoded in the URI.
const station = join(insiders, 'workspaceStorage', '0a1b2c3d4e5f60718293a4b5c6d7e8f9');
write(join(station, 'workspace.json'), json({ folder: 'file:///home/alice/code/weather%20station' }));
write(join(station, 'chatSessions', `${chats.triage.v.sessionId}.jsonl`), jsonl([chats.triage]));

console.log(`wrote the Copilot Chat fixtures under ${join(home, '.config')}`);
