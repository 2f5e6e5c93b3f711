// Deterministic synthetic corpus for `pnpm bench`: a home folder with thousands of Codex and Claude Code
// sessions (realistic record mix, including the noise real logs carry) and one Codex session over 200 MB.
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export const CORPUS_VERSION = 5;

/** Small seeded PRNG (mulberry32): the same corpus on every machine. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the a to of and in is for that it with on as this be are by from at or an not function return const test ' +
  'file error build fix update config server client request response handler module import export type value ' +
  'string number array object promise async await cache index path query user session token database schema ' +
  'migration deploy release branch commit merge review refactor parser render output input stream buffer line'
).split(' ');

function textOf(rand, words) {
  const out = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(rand() * WORDS.length)]);
  return out.join(' ');
}

function uuidOf(rand) {
  const hex = () => Math.floor(rand() * 16).toString(16);
  const part = (n) => Array.from({ length: n }, hex).join('');
  return `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${part(12)}`;
}

const iso = (ms) => new Date(ms).toISOString();

/** Writes lines to a file through a stream, respecting back-pressure. */
async function writeLines(path, lines) {
  const out = createWriteStream(path);
  for (const line of lines) if (!out.write(`${line}\n`)) await new Promise((r) => out.once('drain', r));
  await new Promise((r, j) => out.end((e) => (e ? j(e) : r())));
}

function* codexLines(rand, id, start, turns, outputWords) {
  let t = start;
  const ts = () => {
    t += 1000 + Math.floor(rand() * 4000);
    return iso(t);
  };
  const cwd = `/home/bench/code/project-${Math.floor(rand() * 40)}`;
  const env = (type, payload) => JSON.stringify({ timestamp: ts(), type, payload });
  yield env('session_meta', {
    id,
    timestamp: iso(start),
    cwd,
    originator: 'codex_cli_rs',
    cli_version: '0.101.0',
    source: 'cli',
    model_provider: 'openai',
    git: { branch: 'main', commit_hash: 'a'.repeat(40) },
    base_instructions: { text: textOf(rand, 400) },
  });
  yield env('response_item', {
    type: 'message',
    role: 'user',
    content: [
      { type: 'input_text', text: `<environment_context>\n  <cwd>${cwd}</cwd>\n</environment_context>` },
    ],
  });
  for (let turn = 0; turn < turns; turn++) {
    yield env('turn_context', {
      cwd,
      model: 'gpt-5-codex',
      approval_policy: 'on-request',
      sandbox_policy: { mode: 'workspace-write' },
    });
    const prompt = `Please ${textOf(rand, 12 + Math.floor(rand() * 30))}`;
    yield env('response_item', {
      type: 'message',
      role: 'user',
      content: [{ type: 'input_text', text: prompt }],
    });
    yield env('event_msg', { type: 'user_message', message: prompt, images: [] });
    yield env('response_item', {
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: `**${textOf(rand, 4)}**\n\n${textOf(rand, 30)}` }],
      encrypted_content: 'gAAAA'.concat('x'.repeat(3000 + Math.floor(rand() * 6000))),
    });
    const calls = 1 + Math.floor(rand() * 3);
    for (let c = 0; c < calls; c++) {
      const callId = `call_${Math.floor(rand() * 1e12).toString(36)}`;
      yield env('response_item', {
        type: 'function_call',
        name: 'shell',
        arguments: JSON.stringify({
          command: ['bash', '-lc', `rg -n "${textOf(rand, 2)}" src`],
          workdir: cwd,
        }),
        call_id: callId,
      });
      const output = `Exit code: 0\nWall time: 0.4 seconds\nOutput:\n${textOf(rand, outputWords)}`;
      yield env('event_msg', {
        type: 'exec_command_end',
        call_id: callId,
        command: ['rg'],
        cwd,
        exit_code: 0,
        aggregated_output: output,
      });
      yield env('response_item', { type: 'function_call_output', call_id: callId, output });
    }
    const answer = textOf(rand, 40 + Math.floor(rand() * 120));
    yield env('event_msg', { type: 'agent_message', message: answer });
    yield env('response_item', {
      type: 'message',
      role: 'assistant',
      content: [{ type: 'output_text', text: answer }],
    });
    yield env('event_msg', {
      type: 'token_count',
      info: {
        total_token_usage: { input_tokens: turn * 1000, output_tokens: turn * 100 },
        last_token_usage: { input_tokens: 1000, output_tokens: 100 },
      },
    });
  }
}

function* claudeLines(rand, id, start, turns) {
  let t = start;
  const ts = () => {
    t += 1000 + Math.floor(rand() * 4000);
    return iso(t);
  };
  const cwd = `/home/bench/code/project-${Math.floor(rand() * 40)}`;
  let parent = null;
  const base = () => ({
    parentUuid: parent,
    isSidechain: false,
    userType: 'external',
    cwd,
    sessionId: id,
    version: '2.1.20',
    gitBranch: 'main',
  });
  for (let turn = 0; turn < turns; turn++) {
    let uuid = uuidOf(rand);
    yield JSON.stringify({
      ...base(),
      type: 'user',
      message: { role: 'user', content: `Can you ${textOf(rand, 15 + Math.floor(rand() * 25))}?` },
      uuid,
      timestamp: ts(),
    });
    parent = uuid;
    const msgId = `msg_${Math.floor(rand() * 1e15).toString(36)}`;
    const toolId = `toolu_${Math.floor(rand() * 1e15).toString(36)}`;
    for (const block of [
      { type: 'thinking', thinking: textOf(rand, 40), signature: 'sig'.repeat(50) },
      { type: 'text', text: textOf(rand, 30) },
      {
        type: 'tool_use',
        id: toolId,
        name: 'Bash',
        input: { command: `npm test -- ${textOf(rand, 2)}`, description: 'Run tests' },
      },
    ]) {
      uuid = uuidOf(rand);
      yield JSON.stringify({
        ...base(),
        type: 'assistant',
        requestId: `req_${msgId}`,
        message: {
          id: msgId,
          type: 'message',
          role: 'assistant',
          model: 'claude-sonnet-4-5',
          content: [block],
          stop_reason: null,
          usage: { input_tokens: 10, output_tokens: 20 },
        },
        uuid,
        timestamp: ts(),
      });
      parent = uuid;
    }
    for (let p = 0; p < 3; p++)
      yield JSON.stringify({
        ...base(),
        type: 'progress',
        data: { type: 'bash_progress', output: textOf(rand, 60) },
        toolUseID: toolId,
        uuid: uuidOf(rand),
        timestamp: ts(),
      });
    uuid = uuidOf(rand);
    const output = textOf(rand, 150);
    yield JSON.stringify({
      ...base(),
      type: 'user',
      message: {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: toolId, content: output, is_error: false }],
      },
      toolUseResult: { stdout: output, stderr: '', interrupted: false },
      uuid,
      timestamp: ts(),
    });
    parent = uuid;
    uuid = uuidOf(rand);
    yield JSON.stringify({
      ...base(),
      type: 'assistant',
      message: {
        id: `${msgId}b`,
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5',
        content: [{ type: 'text', text: textOf(rand, 60) }],
      },
      uuid,
      timestamp: ts(),
    });
    parent = uuid;
  }
}

export const corpusSpec = {
  codexSessions: 8000,
  claudeSessions: 2000,
  cursorComposers: 2000,
  bigSessionTurns: 4600,
};

/** Generates the corpus under `root` unless a corpus of the same version is already there. Returns its home. */
export async function ensureCorpus(root, log = () => {}) {
  const home = join(root, 'home');
  const stamp = join(root, 'VERSION');
  const current = await readFile(stamp, 'utf8').catch(() => '');
  if (current.trim() === String(CORPUS_VERSION)) return home;
  await rm(root, { recursive: true, force: true });
  const rand = rng(42);
  const t0 = Date.UTC(2025, 8, 1);
  log(
    `generating ${corpusSpec.codexSessions} Codex + ${corpusSpec.claudeSessions} Claude sessions, ` +
      `${corpusSpec.cursorComposers} Cursor composers and one big session…`,
  );
  for (let i = 0; i < corpusSpec.codexSessions; i++) {
    const start = t0 + i * 3_600_000;
    const d = new Date(start);
    const dir = join(
      home,
      '.codex/sessions',
      String(d.getUTCFullYear()),
      String(d.getUTCMonth() + 1).padStart(2, '0'),
      String(d.getUTCDate()).padStart(2, '0'),
    );
    await mkdir(dir, { recursive: true });
    const id = uuidOf(rand);
    const stampName = d.toISOString().slice(0, 19).replace(/:/g, '-');
    await writeLines(
      join(dir, `rollout-${stampName}-${id}.jsonl`),
      codexLines(rand, id, start, 2 + Math.floor(rand() * 4), 60),
    );
  }
  for (let i = 0; i < corpusSpec.claudeSessions; i++) {
    const dir = join(home, '.claude/projects', `-home-bench-code-project-${i % 40}`);
    await mkdir(dir, { recursive: true });
    const id = uuidOf(rand);
    await writeLines(
      join(dir, `${id}.jsonl`),
      claudeLines(rand, id, t0 + i * 5_400_000, 2 + Math.floor(rand() * 4)),
    );
  }
  await writeCursorStore(join(home, '.config/Cursor/User'), rand, t0);
  const bigDir = join(home, '.codex/sessions/2026/02/01');
  await mkdir(bigDir, { recursive: true });
  const bigId = uuidOf(rand);
  await writeLines(
    join(bigDir, `rollout-2026-02-01T09-00-00-${bigId}.jsonl`),
    codexLines(rand, bigId, Date.UTC(2026, 1, 1, 9), corpusSpec.bigSessionTurns, 1500),
  );
  await writeFile(stamp, String(CORPUS_VERSION));
  return home;
}

/** A Cursor global database in the bubble-per-row era (`_v` 10), plus one workspace that lists half the composers. */
async function writeCursorStore(userDir, rand, t0) {
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
  for (let i = 0; i < corpusSpec.cursorComposers; i++) {
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
