import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdapterContext, type Session } from '@convx/core';
import { describe, expect, it } from 'vitest';
import { codexAdapter } from '../src/index.js';
import { outline, typed } from './support.js';

const ID = '019d0000-1111-7222-8333-444455556666';
const scratch = mkdtempSync(join(tmpdir(), 'convx-codex-'));
let serial = 0;

/** Writes a rollout from records (or raw lines) into a scratch CODEX_HOME and loads it. */
async function loadLines(
  lines: Array<object | string>,
  ext = 'jsonl',
  ctx = createAdapterContext({ home: scratch }),
): Promise<Session> {
  const dir = join(scratch, String(serial++), 'sessions', '2026', '03', '01');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `rollout-2026-03-01T10-00-00-${ID}.${ext}`);
  const text =
    ext === 'json'
      ? JSON.stringify(lines[0])
      : lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');
  writeFileSync(path, text);
  return codexAdapter.load(ctx, { sessionId: ID, path, fingerprint: '1:1', files: [path] });
}

const at = (s: number) => `2026-03-01T10:00:${String(s).padStart(2, '0')}.000Z`;
const meta = {
  timestamp: at(0),
  type: 'session_meta',
  payload: { id: ID, timestamp: at(0), cwd: '/home/alice/x' },
};
const item = (s: number, payload: object) => ({ timestamp: at(s), type: 'response_item', payload });
const event = (s: number, payload: object) => ({ timestamp: at(s), type: 'event_msg', payload });
const user = (text: string) => ({ type: 'message', role: 'user', content: [{ type: 'input_text', text }] });
const said = (text: string) => ({
  type: 'message',
  role: 'assistant',
  content: [{ type: 'output_text', text }],
});

describe('event_msg and transcript pairing', () => {
  it('drops echoes whichever comes first, and keeps an echo with no twin once', async () => {
    const s = await loadLines([
      meta,
      event(1, { type: 'user_message', message: 'rename foo to bar' }),
      item(2, user('rename foo to bar')),
      event(3, { type: 'agent_reasoning', text: 'Looking for foo' }),
      event(4, { type: 'agent_message', message: 'Renamed.' }),
      item(5, { type: 'reasoning', summary: [{ type: 'summary_text', text: 'Looking for foo' }] }),
      item(6, said('Renamed.')),
      event(7, { type: 'agent_message', message: 'Only the UI saw this.' }),
    ]);
    expect(outline(s)).toEqual(['user:text', 'thinking', 'assistant:text', 'assistant:text']);
    expect(s.messages.at(-1)).toMatchObject({ text: 'Only the UI saw this.', timestamp: at(7) });
  });

  it('demotes a user item that no user_message event confirms to context', async () => {
    const s = await loadLines([
      meta,
      item(1, user('<subagent_notification>worker finished</subagent_notification>')),
      item(2, user('fix the flaky test')),
      event(2, { type: 'user_message', message: 'fix the flaky test' }),
    ]);
    expect(typed(s)).toEqual(['fix the flaky test']);
    expect(s.messages[0]).toMatchObject({ kind: 'context', label: 'Injected message' });
  });

  it('keeps repeated identical prompts, each once', async () => {
    const s = await loadLines([
      meta,
      item(1, user('continue')),
      event(1, { type: 'user_message', message: 'continue' }),
      item(2, said('Done with step 1.')),
      item(3, user('continue')),
      event(3, { type: 'user_message', message: 'continue' }),
      event(4, { type: 'user_message', message: 'continue' }),
    ]);
    expect(typed(s)).toEqual(['continue', 'continue', 'continue']);
  });

  it('ignores user_message events that echo injected context (0.3x `kind`)', async () => {
    const s = await loadLines([
      meta,
      item(1, user('<environment_context>\n<cwd>/home/alice/x</cwd>\n</environment_context>')),
      event(1, { type: 'user_message', message: '<environment_context>…', kind: 'environment_context' }),
      event(1, { type: 'user_message', message: 'Use tabs.', kind: 'user_instructions' }),
      item(2, user('add a changelog entry')),
      event(2, { type: 'user_message', message: 'add a changelog entry', kind: 'plain' }),
    ]);
    expect(outline(s)).toEqual(['context:Environment', 'user:text']);
  });

  it('matches a prompt whose transcript copy carries image tags, and hands images to the engine to save', async () => {
    const bytes = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const png = bytes.toString('base64');
    const kept: Array<{ bytes: Buffer; type: string }> = [];
    const base = createAdapterContext({ home: scratch });
    const ctx = {
      ...base,
      attachment: (data: Uint8Array, info: { type: string }) => {
        kept.push({ bytes: Buffer.from(data), type: info.type });
        return { ...base.attachment(data, info), file: 'attachments/0000000000000000.png' };
      },
    };
    const s = await loadLines(
      [
        meta,
        item(1, {
          type: 'message',
          role: 'user',
          content: [
            { type: 'input_text', text: 'what is wrong in this screenshot?' },
            { type: 'input_image', image_url: `data:image/png;base64,${png}` },
          ],
        }),
        event(1, {
          type: 'user_message',
          message: 'what is wrong in this screenshot?',
          images: [`data:image/png;base64,${png}`],
        }),
      ],
      'jsonl',
      ctx,
    );
    expect(s.messages).toHaveLength(1);
    expect(s.messages[0]).toMatchObject({
      kind: 'text',
      role: 'user',
      attachments: [
        {
          type: 'image/png',
          size: 16,
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
          file: 'attachments/0000000000000000.png',
        },
      ],
    });
    expect(kept.length).toBeGreaterThan(0);
    for (const k of kept) expect(k).toEqual({ bytes, type: 'image/png' });
    expect(JSON.stringify(s)).not.toContain(png);
  });

  it('splits a user message that bundles AGENTS.md, environment and the prompt', async () => {
    const s = await loadLines([
      { id: ID, timestamp: at(0) },
      {
        type: 'message',
        role: 'user',
        content: [
          {
            type: 'input_text',
            text: '# AGENTS.md instructions for /home/alice/x\n\n<INSTRUCTIONS>\nbe brief\n</INSTRUCTIONS>',
          },
          {
            type: 'input_text',
            text: '<environment_context>\n  <cwd>/home/alice/x</cwd>\n</environment_context>',
          },
          { type: 'input_text', text: 'why is the build slow?' },
        ],
      },
    ]);
    expect(outline(s)).toEqual(['context:AGENTS.md', 'context:Environment', 'user:text']);
    expect(typed(s)).toEqual(['why is the build slow?']);
    expect(s.cwd).toBe('/home/alice/x');
  });
  it('splits the VS Code IDE block off the typed request', async () => {
    const full =
      '# Context from my IDE setup:\n\n## Active file: src/app.ts\n\n## Open tabs:\n- src/app.ts\n\n## My request for Codex:\nwhy does this throw on startup?\n';
    const s = await loadLines([meta, item(1, user(full)), event(1, { type: 'user_message', message: full })]);
    expect(outline(s)).toEqual(['context:IDE context', 'user:text']);
    expect(typed(s)).toEqual(['why does this throw on startup?\n']);
    expect(s.messages[0]).toMatchObject({ text: expect.stringContaining('## Active file: src/app.ts') });
  });
});

describe('records and outputs', () => {
  it('merges compacted + context_compacted in either order and reads older reasoning_text', async () => {
    const s = await loadLines([
      meta,
      event(1, { type: 'context_compacted' }),
      { timestamp: at(1), type: 'compacted', payload: { message: 'Summary of the work so far.' } },
      item(2, {
        type: 'reasoning',
        summary: [],
        content: [{ type: 'reasoning_text', text: 'raw thoughts' }],
      }),
      { timestamp: at(3), type: 'compacted', payload: { message: '', replacement_history: [] } },
    ]);
    expect(outline(s)).toEqual([
      'event:compaction',
      'context:Compaction summary',
      'thinking',
      'event:compaction',
    ]);
    expect(s.messages[2]).toMatchObject({ text: 'raw thoughts' });
  });

  it('reads every tool output shape and flags failures', async () => {
    const call = (id: string) =>
      item(1, { type: 'function_call', name: 'shell', arguments: 'not json', call_id: id });
    const out = (id: string, output: unknown) =>
      item(2, { type: 'function_call_output', call_id: id, output });
    const s = await loadLines([
      meta,
      call('a'),
      out('a', JSON.stringify({ output: 'boom', metadata: { exit_code: 2, duration_seconds: 0.1 } })),
      out('b', 'Exit code: 0\nWall time: 1 seconds\nOutput:\nok'),
      out('c', { content: 'denied by sandbox', success: false }),
      out('d', [
        { type: 'input_text', text: 'part one' },
        { type: 'input_text', text: 'part two' },
      ]),
      out('e', '{"output": not really json'),
    ]);
    expect(s.messages[0]).toMatchObject({ kind: 'tool-call', input: 'not json', callId: 'a' });
    const results = s.messages.slice(1);
    expect(results.map((m) => (m.kind === 'tool-result' ? [m.output, m.isError ?? false] : []))).toEqual([
      ['boom', true],
      ['Exit code: 0\nWall time: 1 seconds\nOutput:\nok', false],
      ['denied by sandbox', true],
      ['part one\npart two', false],
      ['{"output": not really json', false],
    ]);
    expect(results[0]).toMatchObject({ name: 'shell' });
  });

  it('ignores unknown envelope kinds, unknown items and state lines without diagnostics', async () => {
    const s = await loadLines([
      meta,
      { record_type: 'state' },
      { timestamp: at(1), type: 'brand_new_kind', payload: { x: 1 } },
      item(1, { type: 'future_item', data: 1 }),
      event(1, { type: 'token_count', info: null }),
      [1, 2, 3] as unknown as object,
      item(2, user('hello')),
    ]);
    expect(outline(s)).toEqual(['user:text']);
    expect(s.diagnostics).toEqual([]);
  });

  it('reads a single-JSON file whose items are already Responses-API items', async () => {
    const s = await loadLines(
      [
        {
          session: { id: ID, timestamp: at(0) },
          items: [user('list the TODOs'), said('There are three.'), 42],
        },
      ],
      'json',
    );
    expect(outline(s)).toEqual(['user:text', 'assistant:text']);
    expect(s.diagnostics).toMatchObject([{ code: 'unexpected-item', line: 3, count: 1 }]);
  });

  it('throws a clear error only when a single-JSON file is not JSON at all', async () => {
    await expect(loadLines(['{"session": {'], 'jsonl').then((s) => s.diagnostics)).resolves.toMatchObject([
      { code: 'malformed-line' },
    ]);
    const dir = join(scratch, 'broken');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `rollout-2025-05-01-${ID}.json`);
    writeFileSync(path, '{"session": {');
    const ctx = createAdapterContext({ home: scratch });
    await expect(codexAdapter.load(ctx, { sessionId: ID, path, fingerprint: '1:1' })).rejects.toThrow();
  });
});
