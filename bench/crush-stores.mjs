// Crush databases for the benchmark: one `<project>/.crush/crush.db` per project folder under `code/`, at the
// schema generation real stores were seen at (20250627: `messages.provider`), in WAL mode as Crush keeps them.
// Each session: user prompts, assistant rows with reasoning, text and a tool call, the tool's result row, a
// finish part. Deterministic, own seed, so the rest of the corpus stays as it was.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { rng, textOf, uuidOf } from './random.mjs';

const SCHEMA = `
  CREATE TABLE goose_db_version (id INTEGER PRIMARY KEY AUTOINCREMENT, version_id INTEGER NOT NULL,
    is_applied INTEGER NOT NULL, tstamp TIMESTAMP DEFAULT (datetime('now')));
  CREATE TABLE sessions (id TEXT PRIMARY KEY, parent_session_id TEXT, title TEXT NOT NULL,
    message_count INTEGER NOT NULL DEFAULT 0, prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0, cost REAL NOT NULL DEFAULT 0.0,
    updated_at INTEGER NOT NULL, created_at INTEGER NOT NULL, summary_message_id TEXT);
  CREATE TABLE files (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, path TEXT NOT NULL, content TEXT NOT NULL,
    version TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
  CREATE TABLE messages (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, role TEXT NOT NULL,
    parts TEXT NOT NULL default '[]', model TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
    finished_at INTEGER, provider TEXT);
  CREATE INDEX idx_messages_session_id ON messages (session_id);
  INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, 1), (20250424200609, 1),
    (20250515105448, 1), (20250627000000, 1);`;

const part = (type, data) => ({ type, data });

/** Writes `projects` databases of `sessionsEach` sessions, in `codeDir/project-<k>` (k < projects). */
export async function writeCrushStores(codeDir, t0, projects, sessionsEach) {
  const rand = rng(9157);
  for (let k = 0; k < projects; k++) {
    const dataDir = join(codeDir, `project-${k}`, '.crush');
    await mkdir(dataDir, { recursive: true });
    const db = new DatabaseSync(join(dataDir, 'crush.db'));
    db.exec('PRAGMA journal_mode = WAL');
    db.exec(SCHEMA);
    const addSession = db.prepare(
      `INSERT INTO sessions (id, title, message_count, prompt_tokens, completion_tokens, cost, updated_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const addMessage = db.prepare(
      `INSERT INTO messages (id, session_id, role, parts, model, provider, created_at, updated_at, finished_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    db.exec('BEGIN');
    for (let s = 0; s < sessionsEach; s++) {
      const id = uuidOf(rand);
      let at = Math.floor(t0 / 1000) + (k * sessionsEach + s) * 7_200;
      const start = at;
      const rows = [];
      const message = (role, parts, model) => {
        at += 2 + Math.floor(rand() * 40);
        rows.push([
          uuidOf(rand),
          id,
          role,
          JSON.stringify(parts),
          model ?? null,
          model ? 'anthropic' : null,
          at,
          at,
          at,
        ]);
      };
      const turns = 2 + Math.floor(rand() * 6);
      for (let t = 0; t < turns; t++) {
        message('user', [part('text', { text: `Please ${textOf(rand, 14)}.` })]);
        const callId = `toolu_${k}_${s}_${t}`;
        message(
          'assistant',
          [
            part('reasoning', { thinking: textOf(rand, 40), signature: '' }),
            part('text', { text: textOf(rand, 60) }),
            part('tool_call', {
              id: callId,
              name: 'view',
              input: JSON.stringify({ file_path: `src/${textOf(rand, 1)}.ts` }),
              finished: true,
            }),
            part('finish', { reason: 'tool_use', time: at }),
          ],
          'claude-sonnet-4-5',
        );
        message('tool', [
          part('tool_result', {
            tool_call_id: callId,
            name: 'view',
            content: textOf(rand, 200),
            is_error: false,
          }),
        ]);
        message(
          'assistant',
          [part('text', { text: textOf(rand, 80) }), part('finish', { reason: 'end_turn', time: at })],
          'claude-sonnet-4-5',
        );
      }
      addSession.run(id, textOf(rand, 5), rows.length, 12_000, 3_000, 0.05, at, start);
      for (const row of rows) addMessage.run(...row);
    }
    db.exec('COMMIT');
    db.close();
  }
}
