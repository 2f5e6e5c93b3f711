import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { AdapterContext, Message, Session, SessionRef } from '@convx/core';
import { describe, expect, it } from 'vitest';
import { type CodexRefData, codexAdapter, sessionIdFromFileName } from '../src/index.js';
import {
  EVENT_ONLY_EVERY,
  generateRollout,
  INJECTED_EVERY,
  LONE_ECHO_EVERY,
  SESSION_ID,
} from './generate-rollout.js';
import { codexDir, context, discover, must, outline } from './support.js';

const stream = must(codexAdapter.stream);

async function streamed(ref: SessionRef<CodexRefData>, ctx: AdapterContext = context()) {
  const messages: Message[] = [];
  const session = await stream(ctx, ref, (m) => messages.push(m));
  return { session, messages };
}

/** Every rollout file under the fixture home, as a ref of its own (subagents and archived copies too). */
function fixtureRefs(): SessionRef<CodexRefData>[] {
  const files = readdirSync(codexDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.jsonl?$/.test(f))
    .sort();
  return files.map((file) => {
    const path = join(codexDir, file);
    return { sessionId: must(sessionIdFromFileName(basename(path))), fingerprint: '', path };
  });
}

describe('stream', () => {
  it('emits exactly what load returns, for every Codex fixture file and every discovered session', async () => {
    const refs = [...fixtureRefs(), ...(await discover())];
    expect(refs.length).toBeGreaterThanOrEqual(24); // 13 files, 11 top-level sessions
    for (const ref of refs) {
      const { session, messages } = await streamed(ref);
      const loaded = await codexAdapter.load(context(), ref);
      expect(session.messages).toEqual([]);
      expect({ ...session, messages }).toEqual(loaded);
    }
    // The equality is not vacuous: the fixtures hold real conversations, subagents nested in one of them.
    const sessions = await Promise.all((await discover()).map((ref) => codexAdapter.load(context(), ref)));
    expect(sessions.reduce((n, s) => n + s.messages.length, 0)).toBeGreaterThan(80);
    expect(sessions.some((s) => s.children?.[0]?.messages.length)).toBe(true);
  });
});

describe('stream on a long generated rollout', () => {
  const turns = 400;
  const rollout = generateRollout(turns);
  const dir = mkdtempSync(join(tmpdir(), 'convx-codex-stream-'));
  const path = join(dir, `rollout-2026-03-02T09-00-00-${SESSION_ID}.jsonl`);
  writeFileSync(path, rollout.text);
  const ref: SessionRef<CodexRefData> = { sessionId: SESSION_ID, fingerprint: '', path };

  /** Streams the rollout, noting for each message how many source lines had been read when it came. */
  async function streamCounting() {
    let linesRead = 0;
    const ctx = context();
    const counting: AdapterContext = {
      ...ctx,
      eachJsonl: (file, onRecord, diagnostics, options) =>
        ctx.eachJsonl(
          file,
          (value, line) => {
            linesRead = line;
            return onRecord(value, line);
          },
          diagnostics,
          options,
        ),
    };
    const seen: { message: Message; linesRead: number }[] = [];
    const session = await stream(counting, ref, (message) => seen.push({ message, linesRead }));
    return { session, seen, messages: seen.map((s) => s.message) };
  }

  it('emits messages while reading, each within about a turn of its own line', async () => {
    const { seen } = await streamCounting();
    expect(rollout.lines).toBeGreaterThan(turns * 12);
    // The opening context comes out at the first turn boundary (line 5), not at the end of the file.
    expect(must(seen[0]).linesRead).toBeLessThanOrEqual(5);
    const half = must(seen[Math.floor(seen.length / 2)]);
    expect(half.linesRead).toBeLessThan(rollout.lines * 0.55);
    // Pending state is one turn: no message waits more than two turns' worth of lines after its own.
    const linesPerTurn = Math.ceil(rollout.lines / turns);
    let worst = 0;
    for (const { message, linesRead } of seen) {
      const line = must(rollout.lineOf.get(must(message.timestamp)));
      worst = Math.max(worst, linesRead - line);
    }
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThanOrEqual(2 * linesPerTurn);
  });

  it('resolves echoes and user_message events turn by turn', async () => {
    const { session, messages } = await streamCounting();
    const s: Session = { ...session, messages };
    const texts = (role: string) =>
      messages.flatMap((m) => (m.kind === 'text' && m.role === role ? [m.text] : []));
    const contexts = (label: string) =>
      messages.flatMap((m) => (m.kind === 'context' && m.label === label ? [m.text] : []));
    const all = Array.from({ length: turns }, (_, i) => i + 1);
    const every = (n: number) => all.filter((turn) => turn % n === 0);

    // Injected context is context: AGENTS.md, the environment, and `user` items no event confirms.
    expect(outline(s).slice(0, 3)).toEqual([
      'context:Permissions',
      'context:AGENTS.md',
      'context:Environment',
    ]);
    expect(contexts('AGENTS.md')).toHaveLength(1);
    expect(contexts('Injected message')).toEqual(every(INJECTED_EVERY).map(rollout.injected));
    // Every prompt typed once, including those only the event stream carries.
    expect(texts('user')).toEqual(all.map(rollout.prompt));
    // Echoes are not doubled: each answer once; UI-only messages shown once, from the event.
    const lone = new Set(every(LONE_ECHO_EVERY));
    expect(texts('assistant')).toEqual(
      all.flatMap((turn) =>
        lone.has(turn) ? [rollout.lone(turn), rollout.answer(turn)] : [rollout.answer(turn)],
      ),
    );
    const thinking = messages.filter((m) => m.kind === 'thinking');
    expect(thinking.map((m) => m.kind === 'thinking' && m.text)).toEqual(
      all.map((t) => `**Planning step ${t}**`),
    );
    expect(messages).toHaveLength(3 + turns * 5 + every(INJECTED_EVERY).length + lone.size);

    // A queued prompt (event before its turn, no item) opens that turn, ahead of the injected item.
    const turn = 200;
    expect((turn % EVENT_ONLY_EVERY) + (turn % INJECTED_EVERY) + (turn % LONE_ECHO_EVERY)).toBe(0);
    const start = messages.findIndex((m) => m.kind === 'text' && m.text === rollout.prompt(turn));
    expect(outline(s).slice(start, start + 7)).toEqual([
      'user:text',
      'context:Injected message',
      'thinking',
      'call:exec_command',
      'result',
      'assistant:text',
      'assistant:text',
    ]);
    const result = must(messages[start + 4]);
    expect(result.kind === 'tool-result' && result.name).toBe('exec_command');
  });

  it('resolves to the session load gives, without messages, its times taken from the stream', async () => {
    const { session, messages } = await streamCounting();
    expect(session.messages).toEqual([]);
    expect(session.startedAt).toBe('2026-03-02T09:00:00.000Z');
    expect(session.endedAt).toBe(must(messages.at(-1)?.timestamp));
    expect(session.cwd).toBe('/home/alice/work/inventory');
    expect(session.models).toEqual(['gpt-5.1-codex']);
    expect({ ...session, messages }).toEqual(await codexAdapter.load(context(), ref));
  });
});

describe('turn boundaries', () => {
  const ID = '019d1111-2222-7333-8444-555566667777';
  const dir = mkdtempSync(join(tmpdir(), 'convx-codex-turns-'));
  let serial = 0;
  const at = (s: number) => `2026-03-03T10:00:${String(s).padStart(2, '0')}.000Z`;
  const meta = (extra: object = {}) => ({
    timestamp: at(0),
    type: 'session_meta',
    payload: { id: ID, timestamp: at(0), cwd: '/home/alice/x', ...extra },
  });
  const turn = (s: number) => ({ timestamp: at(s), type: 'turn_context', payload: { cwd: '/home/alice/x' } });
  const item = (s: number, role: string, text: string) => ({
    timestamp: at(s),
    type: 'response_item',
    payload: {
      type: 'message',
      role,
      content: [{ type: role === 'user' ? 'input_text' : 'output_text', text }],
    },
  });
  const event = (s: number, payload: object) => ({ timestamp: at(s), type: 'event_msg', payload });

  async function run(records: object[]) {
    const path = join(dir, `rollout-${serial++}-${ID}.jsonl`);
    writeFileSync(path, records.map((r) => JSON.stringify(r)).join('\n'));
    const { session, messages } = await streamed({ sessionId: ID, fingerprint: '', path });
    return { ...session, messages };
  }

  it('drops an echo written just after the next turn began, when its twin ended the turn before', async () => {
    const s = await run([
      meta(),
      turn(1),
      item(2, 'user', 'Fix the flaky test'),
      event(2, { type: 'user_message', message: 'Fix the flaky test' }),
      item(3, 'assistant', 'Fixed: the test awaited the wrong promise.'),
      turn(4),
      event(4, { type: 'agent_message', message: 'Fixed: the test awaited the wrong promise.' }),
      item(5, 'user', 'Thanks, commit it'),
      event(5, { type: 'user_message', message: 'Thanks, commit it' }),
    ]);
    expect(outline(s)).toEqual(['user:text', 'assistant:text', 'user:text']);
  });

  it('pairs a prompt logged before its turn began with the user item inside the turn', async () => {
    const s = await run([
      meta(),
      turn(1),
      item(2, 'user', 'Rename the module'),
      event(2, { type: 'user_message', message: 'Rename the module' }),
      item(3, 'assistant', 'Renamed.'),
      event(4, { type: 'user_message', message: 'Now update the imports' }),
      event(4, { type: 'task_started' }),
      turn(5),
      item(5, 'user', 'Now update the imports'),
      item(6, 'assistant', 'Imports updated.'),
    ]);
    expect(outline(s)).toEqual(['user:text', 'assistant:text', 'user:text', 'assistant:text']);
    expect(s.messages[2]?.timestamp).toBe(at(5));
  });

  it('decides the header instructions at the first turn: shown first unless that turn carries them', async () => {
    const instructions = { instructions: 'Use tabs. Never push to main.' };
    const shown = await run([
      meta(instructions),
      turn(1),
      item(2, 'user', 'hi'),
      item(3, 'assistant', 'Hello.'),
    ]);
    expect(outline(shown)).toEqual(['context:User instructions', 'user:text', 'assistant:text']);
    const carried = await run([
      meta(instructions),
      item(1, 'user', '<user_instructions>\n\nUse tabs. Never push to main.\n\n</user_instructions>'),
      turn(2),
      item(3, 'user', 'hi'),
    ]);
    expect(outline(carried)).toEqual(['context:User instructions', 'user:text']);
    expect(carried.messages[0]?.timestamp).toBe(at(1));
    const headerOnly = await run([meta(instructions)]);
    expect(outline(headerOnly)).toEqual(['context:User instructions']);
  });
});
