import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AdapterContext, createAdapterContext, type Message, type SessionRef } from '@convx/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClaudeRefData, claudeAdapter } from '../src/index.js';
import { outline } from './helpers.js';

const SESSION = '6c1d2e3f-4a5b-4c6d-8e7f-000000005eed';
const TURNS = 400;
const temp = mkdtempSync(join(tmpdir(), 'convx-claude-streaming-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const base = Date.parse('2026-11-02T09:00:00.000Z');
const time = (turn: number, step: number) => new Date(base + turn * 60_000 + step * 1000).toISOString();
const uuid = (turn: number, step: number) =>
  `${turn.toString(16).padStart(8, '0')}-0000-4000-8000-${step.toString(16).padStart(12, '0')}`;

function record(turn: number, step: number, parent: string | null, body: Record<string, unknown>) {
  return {
    parentUuid: parent,
    isSidechain: false,
    userType: 'external',
    cwd: '/home/alice/code/long',
    sessionId: SESSION,
    version: '2.1.50',
    gitBranch: 'main',
    ...body,
    uuid: uuid(turn, step),
    timestamp: time(turn, step),
  };
}

function assistant(turn: number, step: number, id: string, block: Record<string, unknown>) {
  return record(turn, step, uuid(turn, step - 1), {
    type: 'assistant',
    requestId: `req_${turn}`,
    message: { id, type: 'message', role: 'assistant', model: 'claude-opus-4-5', content: [block] },
  });
}

function progress(turn: number, n: number) {
  return {
    type: 'progress',
    data: { type: 'bash_progress', output: `building… ${n}`, elapsedTimeSeconds: n },
    parentUuid: uuid(turn, 4),
    sessionId: SESSION,
    uuid: `progress-${turn}-${n}`,
    timestamp: time(turn, 5),
  };
}

/** Where in the file each message's last line is (1-based), by the id of the record it came from. */
const lastLineOf = new Map<string, number>();

/**
 * A long session as Claude Code writes it: per turn a prompt, a thinking line, one API message split over
 * two text lines (a progress line and a re-written earlier line between them) and a tool_use line, progress
 * records while the tool runs, its result (text in `toolUseResult` only), and a closing answer.
 */
function transcript(): string {
  const rows: object[] = [];
  const add = (row: object, id?: string) => {
    rows.push(row);
    if (id) lastLineOf.set(id, rows.length);
  };
  for (let t = 0; t < TURNS; t++) {
    const prompt = record(t, 0, t ? uuid(t - 1, 7) : null, {
      type: 'user',
      message: { role: 'user', content: `Step ${t}: run the build for package ${t}.` },
    });
    add(prompt, uuid(t, 0));
    const msg = `msg_${t}`;
    add(assistant(t, 1, msg, { type: 'thinking', thinking: '', signature: `sig${t}` }), uuid(t, 1));
    add(assistant(t, 2, msg, { type: 'text', text: `I will build package ${t}.` }), uuid(t, 2));
    add(progress(t, 0));
    if (t > 0 && rows[0]) add(rows[0]); // a resume re-writes an earlier line: same uuid, dropped
    add(assistant(t, 3, msg, { type: 'text', text: `Starting with its tests.` }), uuid(t, 2));
    const callId = `toolu_${t}`;
    add(
      assistant(t, 4, msg, {
        type: 'tool_use',
        id: callId,
        name: 'Bash',
        input: { command: `pnpm --filter pkg-${t} build`, description: `Build package ${t}` },
      }),
      uuid(t, 4),
    );
    for (let n = 1; n <= 3; n++) add(progress(t, n));
    add(
      record(t, 6, uuid(t, 4), {
        type: 'user',
        message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: callId, content: '' }] },
        toolUseResult: { stdout: `built pkg-${t} in ${t}ms`, stderr: '', interrupted: false },
      }),
      uuid(t, 6),
    );
    add(assistant(t, 7, `msg_${t}_done`, { type: 'text', text: `Package ${t} builds.` }), uuid(t, 7));
    add({ type: 'ai-title', aiTitle: `Building ${t + 1} packages`, sessionId: SESSION });
  }
  return `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`;
}

let path = '';
let totalLines = 0;
beforeAll(() => {
  const folder = join(temp, '.claude', 'projects', '-home-alice-code-long');
  mkdirSync(folder, { recursive: true });
  path = join(folder, `${SESSION}.jsonl`);
  const text = transcript();
  totalLines = text.split('\n').length - 1;
  writeFileSync(path, text);
});

/** A context that tells how far into the file the adapter has read. */
function countingContext(): { ctx: AdapterContext; linesRead: () => number } {
  const inner = createAdapterContext({ home: temp });
  let read = 0;
  const ctx: AdapterContext = {
    ...inner,
    eachJsonl(file, onRecord, diagnostics, options) {
      return inner.eachJsonl(
        file,
        (value, line) => {
          read = line;
          return onRecord(value, line);
        },
        diagnostics,
        options,
      );
    },
  };
  return { ctx, linesRead: () => read };
}

async function streamed() {
  const { ctx, linesRead } = countingContext();
  const ref: SessionRef<ClaudeRefData> = { sessionId: SESSION, fingerprint: '', path };
  const emitted: Array<{ message: Message; at: number }> = [];
  const stream = claudeAdapter.stream;
  if (!stream) throw new Error('the Claude adapter has no stream');
  const session = await stream(ctx, ref, (message) =>
    emitted.push({ message: structuredClone(message), at: linesRead() }),
  );
  return { session, emitted, ref, ctx };
}

describe(`a generated session of ${TURNS} turns`, () => {
  it('emits each message while reading, a few lines after its own last line', async () => {
    const { emitted } = await streamed();
    expect(totalLines).toBeGreaterThan(TURNS * 10);
    expect(emitted).toHaveLength(TURNS * 6);
    expect(emitted[0]?.at).toBe(1);
    expect(emitted[TURNS]?.at).toBeLessThan(totalLines / 5);
    // Only an assistant text waits, and only until the next kept message (the next block of its API
    // message, or the next prompt after a title line): the pending state is one message, never a turn.
    for (const { message, at } of emitted) {
      const own = lastLineOf.get(message.id ?? '');
      expect(own, message.id).toBeDefined();
      const lag = at - (own ?? 0);
      expect(lag, message.id).toBeGreaterThanOrEqual(0);
      expect(lag, message.id).toBeLessThanOrEqual(
        message.kind === 'text' && message.role === 'assistant' ? 2 : 0,
      );
    }
    // The last message is held only until the file ends.
    expect(emitted.at(-1)?.at).toBe(totalLines);
  });

  it('still merges split assistant lines, drops re-written ones and pairs results with their calls', async () => {
    const { emitted, session } = await streamed();
    const messages = emitted.map((e) => e.message);
    const expected = Array.from({ length: TURNS }, (_, t) => [
      `text/user: Step ${t}: run the build for package ${t}.`,
      'thinking (redacted): ',
      `text/assistant: I will build package ${t}.\n\nStarting with its tests.`,
      `call Bash toolu_${t}`,
      `result Bash toolu_${t}`,
      `text/assistant: Package ${t} builds.`,
    ]).flat();
    expect(outline(messages)).toEqual(expected);
    expect(messages[4]).toEqual({
      id: uuid(0, 6),
      timestamp: time(0, 6),
      kind: 'tool-result',
      role: 'tool',
      output: 'built pkg-0 in 0ms',
      callId: 'toolu_0',
      name: 'Bash',
    });
    expect(messages[TURNS * 6 - 4]).toMatchObject({ id: uuid(TURNS - 1, 2), model: 'claude-opus-4-5' });
    expect(new Set(messages.map((m) => m.id)).size).toBe(TURNS * 6);
    expect(session).toMatchObject({
      messages: [],
      title: `Building ${TURNS} packages`,
      startedAt: time(0, 0),
      endedAt: time(TURNS - 1, 7),
      models: ['claude-opus-4-5'],
      cwd: '/home/alice/code/long',
      diagnostics: [],
    });
  });

  it('loads to the same session with the streamed messages in place', async () => {
    const { emitted, session, ref, ctx } = await streamed();
    const loaded = await claudeAdapter.load(ctx, ref);
    expect(loaded).toEqual({ ...session, messages: emitted.map((e) => e.message) });
  });
});
