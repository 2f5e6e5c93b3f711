import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdapterContext, discoveredRefs, type Session, type SessionRef } from '@convx/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type QwenRefData, qwenAdapter } from '../src/index.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'convx-qwen-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const ctx = () => createAdapterContext({ home: root });

async function discover(locations: string[]): Promise<SessionRef<QwenRefData>[]> {
  return discoveredRefs(qwenAdapter.discover(ctx(), locations));
}

let n = 0;
const rec = (type: string, extra: object) => ({
  uuid: `u${++n}`,
  sessionId: 's',
  timestamp: `2026-05-01T10:00:${String(n % 60).padStart(2, '0')}.000Z`,
  type,
  cwd: '/w',
  version: '0.14.1',
  ...extra,
});
const text = (role: string, value: string) => ({ message: { role, parts: [{ text: value }] } });

async function chat(projects: string, id: string, lines: (object | string)[]): Promise<string> {
  const dir = join(projects, '-w', 'chats');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${id}.jsonl`);
  await writeFile(path, `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`);
  return path;
}

async function loadOne(lines: (object | string)[]): Promise<Session> {
  const projects = join(root, 'projects');
  await chat(projects, 's', lines);
  const [ref] = await discover([projects]);
  if (!ref) throw new Error('nothing discovered');
  return qwenAdapter.load(ctx(), ref);
}

describe('default locations', () => {
  it('reads projects/ under $QWEN_RUNTIME_DIR, $QWEN_HOME and ~/.qwen, once each', () => {
    const at = (env: Record<string, string>) =>
      qwenAdapter.defaultLocations({ home: '/home/u', env, platform: 'linux' });
    expect(at({})).toEqual(['/home/u/.qwen/projects']);
    expect(at({ QWEN_RUNTIME_DIR: '/run/qwen', QWEN_HOME: '/data/qwen' })).toEqual([
      '/run/qwen/projects',
      '/data/qwen/projects',
      '/home/u/.qwen/projects',
    ]);
    expect(at({ QWEN_HOME: '/home/u/.qwen', QWEN_RUNTIME_DIR: 'rel' })).toEqual(['/home/u/.qwen/projects']);
  });
});

describe('discovery', () => {
  it('takes the projects folder, the Qwen folder or one file; the newest copy of an id wins', async () => {
    const older = await chat(join(root, 'a', '.qwen', 'projects'), 's1', []);
    const newer = await chat(join(root, 'b'), 's1', []);
    await chat(join(root, 'b'), 's2', []);
    await utimes(older, new Date(1_000_000), new Date(1_000_000));
    const refs = await discover([join(root, 'a', '.qwen'), join(root, 'b')]);
    expect(refs.map((r) => [r.sessionId, r.path, r.data?.projectDir])).toEqual([
      ['s1', newer, '-w'],
      ['s2', join(root, 'b', '-w', 'chats', 's2.jsonl'), '-w'],
    ]);
    expect((await discover([older])).map((r) => r.sessionId)).toEqual(['s1']);
  });
});

describe('records', () => {
  it('counts a record repeated with its uuid once, and a malformed line as a diagnostic', async () => {
    const prompt = rec('user', text('user', 'hello'));
    const session = await loadOne([prompt, '{"uuid":', prompt, rec('assistant', text('model', 'hi'))]);
    expect(session.messages.map((m) => (m.kind === 'text' ? m.text : m.kind))).toEqual(['hello', 'hi']);
    expect(session.diagnostics).toEqual([expect.objectContaining({ code: 'malformed-line', line: 2 })]);
  });

  it('keeps a /rename title over a generated one, and the last of each kind', async () => {
    const title = (customTitle: string, titleSource?: string) =>
      rec('system', {
        subtype: 'custom_title',
        systemPayload: { customTitle, ...(titleSource ? { titleSource } : {}) },
      });
    expect((await loadOne([title('auto 1', 'auto'), title('auto 2', 'auto')])).title).toBe('auto 2');
    expect((await loadOne([title('mine'), title('auto', 'auto')])).title).toBe('mine');
  });

  it('tells a synthetic user record from a typed prompt by its provenance', async () => {
    const session = await loadOne([
      rec('user', { provenance: 'goal_control', ...text('user', 'Continue toward the goal.') }),
      rec('user', { provenance: 'real_user', ...text('user', 'typed') }),
    ]);
    expect(session.messages).toMatchObject([
      { kind: 'context', label: 'goal control', text: 'Continue toward the goal.' },
      { kind: 'text', role: 'user', text: 'typed' },
    ]);
  });

  it('flags a failed tool, shows a cancelled one, and splits thoughts from the answer', async () => {
    const response = (id: string, response: object, status: string) =>
      rec('tool_result', {
        message: { role: 'user', parts: [{ functionResponse: { id, name: 'run_shell_command', response } }] },
        toolCallResult: { callId: id, status },
      });
    const session = await loadOne([
      rec('assistant', {
        model: 'm',
        message: {
          role: 'model',
          parts: [
            { text: 'think first', thought: true },
            { text: 'Running it.' },
            { functionCall: { id: 'c1', name: 'run_shell_command', args: { command: 'false' } } },
          ],
        },
      }),
      response('c1', { error: 'exit code 1' }, 'error'),
      response('c2', {}, 'cancelled'),
    ]);
    expect(session.messages).toMatchObject([
      { kind: 'thinking', text: 'think first', model: 'm' },
      { kind: 'text', text: 'Running it.' },
      { kind: 'tool-call', callId: 'c1', input: { command: 'false' } },
      { kind: 'tool-result', callId: 'c1', output: 'exit code 1', isError: true },
      { kind: 'tool-result', callId: 'c2', output: '(cancelled)' },
    ]);
  });
});
