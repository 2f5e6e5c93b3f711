// A Cursor user-data folder: a global state.vscdb in the bubble-per-row era and one workspace.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { iso, textOf, uuidOf } from './random.mjs';

export async function writeCursorStore(userDir, rand, t0, composers) {
  const globalDir = join(userDir, 'globalStorage');
  const workspaceDir = join(userDir, 'workspaceStorage/0123456789abcdef0123456789abcdef');
  await mkdir(globalDir, { recursive: true });
  await mkdir(workspaceDir, { recursive: true });
  const db = new DatabaseSync(join(globalDir, 'state.vscdb'));
  db.exec(
    'CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB); CREATE TABLE cursorDiskKV (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB);',
  );
  const insert = db.prepare('INSERT INTO cursorDiskKV (key, value) VALUES (?, ?)');
  const heads = [];
  db.exec('BEGIN');
  for (let i = 0; i < composers; i++) {
    const composerId = uuidOf(rand);
    const createdAt = t0 + i * 3_000_000;
    const bubbles = [];
    const turns = 2 + Math.floor(rand() * 4);
    for (let turn = 0; turn < turns; turn++) {
      bubbles.push({
        bubbleId: uuidOf(rand),
        type: 1,
        text: `How do I ${textOf(rand, 12)}?`,
        createdAt: iso(createdAt + turn * 60_000),
      });
      bubbles.push({
        bubbleId: uuidOf(rand),
        type: 2,
        text: textOf(rand, 80),
        thinking: { text: textOf(rand, 30) },
        toolFormerData: {
          tool: 5,
          name: 'read_file',
          toolCallId: `tool_${uuidOf(rand)}`,
          status: 'completed',
          rawArgs: JSON.stringify({ target_file: 'src/index.ts' }),
          result: JSON.stringify({ contents: textOf(rand, 120) }),
        },
        createdAt: iso(createdAt + turn * 60_000 + 20_000),
      });
    }
    for (const b of bubbles)
      insert.run(`bubbleId:${composerId}:${b.bubbleId}`, JSON.stringify({ _v: 3, ...b }));
    insert.run(
      `composerData:${composerId}`,
      JSON.stringify({
        _v: 10,
        composerId,
        name: `Composer ${i}: ${textOf(rand, 4)}`,
        createdAt,
        lastUpdatedAt: createdAt + turns * 60_000,
        fullConversationHeadersOnly: bubbles.map((b) => ({ bubbleId: b.bubbleId, type: b.type })),
      }),
    );
    if (i % 2 === 0)
      heads.push({ type: 'head', composerId, name: `Composer ${i}`, createdAt, lastUpdatedAt: createdAt });
  }
  db.exec('COMMIT');
  db.close();
  const ws = new DatabaseSync(join(workspaceDir, 'state.vscdb'));
  ws.exec('CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB);');
  ws.prepare('INSERT INTO ItemTable (key, value) VALUES (?, ?)').run(
    'composer.composerData',
    JSON.stringify({ allComposers: heads }),
  );
  ws.close();
  await writeFile(
    join(workspaceDir, 'workspace.json'),
    JSON.stringify({ folder: 'file:///home/bench/code/cursor-project' }),
  );
}
