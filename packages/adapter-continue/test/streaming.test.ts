import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdapterContext, discoveredRefs, type Session } from '@convx/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { continueAdapter } from '../src/index.js';

let dir: string;
beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'convx-continue-stream-')), 'sessions');
  await mkdir(dir, { recursive: true });
});
afterEach(() => rm(parentOf(dir), { recursive: true, force: true }));

function parentOf(path: string): string {
  return join(path, '..');
}

async function load(text: string): Promise<Session> {
  await writeFile(join(dir, 's.json'), text);
  const ctx = createAdapterContext({ home: parentOf(dir) });
  const [ref] = await discoveredRefs(continueAdapter.discover(ctx, [dir]));
  if (!ref) throw new Error('nothing discovered');
  return continueAdapter.load(ctx, ref);
}

const call = { id: 'c1', type: 'function', function: { name: 'read', arguments: '{"path":"a.ts"}' } };
const history = [
  { message: { role: 'user', content: 'read a.ts', id: 'u1' } },
  {
    message: { role: 'assistant', content: 'Reading it.', id: 'a1', toolCalls: [call] },
    toolCallStates: [
      {
        toolCallId: 'c1',
        toolCall: call,
        status: 'errored',
        output: [{ name: 'read', content: 'state copy of the output' }],
      },
    ],
  },
  { message: { role: 'tool', content: 'no such file', toolCallId: 'c1', id: 't1' } },
  { message: { role: 'assistant', content: 'It does not exist.', id: 'a2' } },
];

describe('streamed session files', () => {
  it('reads the fields that follow the history: title, folder, mode, usage and the model of unnamed replies', async () => {
    const body = JSON.stringify({ sessionId: 's', history });
    const after = JSON.stringify({
      title: 'Read a file',
      workspaceDirectory: '/home/u/app',
      mode: 'agent',
      chatModelTitle: 'Claude Sonnet',
      usage: { totalCost: 0.5, promptTokens: 10, completionTokens: 2 },
    });
    const loaded = await load(`${body.slice(0, -1)},${after.slice(1)}`);
    expect(loaded).toMatchObject({
      title: 'Read a file',
      cwd: '/home/u/app',
      models: ['Claude Sonnet'],
      meta: { mode: 'agent', usage: { totalCost: 0.5, promptTokens: 10, completionTokens: 2 } },
    });
    // The model lands right after the id, in the key order a model named by the item itself gets.
    expect(Object.keys(loaded.messages[1] ?? {})).toEqual(['id', 'model', 'kind', 'role', 'text']);
    // The later `tool` message answers the call: its state's copy is not a second result, and the answer
    // takes the call's name and error flag from that state.
    expect(loaded.messages.map((m) => `${m.kind}:${m.id ?? ''}:${m.model ?? ''}`)).toEqual([
      'text:u1:',
      'text:a1:Claude Sonnet',
      'tool-call:a1:Claude Sonnet',
      'tool-result:t1:',
      'text:a2:Claude Sonnet',
    ]);
    expect(loaded.messages[3]).toEqual({
      id: 't1',
      kind: 'tool-result',
      role: 'tool',
      output: 'no such file',
      callId: 'c1',
      name: 'read',
      isError: true,
    });
  });

  it('keeps the complete items of a file cut short mid-history, with a truncated-json diagnostic', async () => {
    const text = JSON.stringify({ sessionId: 's', title: 'Cut', workspaceDirectory: '/w', history });
    const cut = text.indexOf('It does not exist.');
    const loaded = await load(text.slice(0, cut));
    expect(loaded.title).toBe('Cut');
    expect(loaded.messages.map((m) => `${m.kind}:${m.id ?? ''}`)).toEqual([
      'text:u1',
      'text:a1',
      'tool-call:a1',
      'tool-result:t1',
    ]);
    expect(loaded.diagnostics).toEqual([expect.objectContaining({ code: 'truncated-json' })]);
  });

  it('keeps the state’s result of a call no tool message answers, even when the file breaks off after it', async () => {
    const text = JSON.stringify({ sessionId: 's', history: history.slice(0, 2) });
    const loaded = await load(text.slice(0, -2)); // the array and the object never close
    expect(loaded.messages.at(-1)).toMatchObject({
      kind: 'tool-result',
      callId: 'c1',
      output: 'state copy of the output',
      isError: true,
    });
    expect(loaded.diagnostics).toEqual([expect.objectContaining({ code: 'truncated-json' })]);
  });
});
