import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Message, Session } from '@convx/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { CopilotVscodeAdapterOptions } from '../src/index.js';
import { chat, loadAll, request, tempDir, writeTree } from './helpers.js';

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

/** Loads one chat (its requests) from an empty-window folder. */
async function load(
  requests: unknown[],
  extra: Record<string, unknown> = {},
  options: CopilotVscodeAdapterOptions = {},
) {
  const root = await tempDir();
  roots.push(root);
  const user = join(root, 'User');
  writeTree(user, { 'globalStorage/emptyWindowChatSessions/c1.json': chat('c1', requests, extra) });
  const { sessions } = await loadAll([user], options);
  return sessions[0] as Session;
}

/** Each message as `kind/role: text` (tool calls with their input, results with their output). */
function outline(messages: Message[]): string[] {
  return messages.map((m) => {
    switch (m.kind) {
      case 'tool-call':
        return `tool-call ${m.name}: ${JSON.stringify(m.input)}`;
      case 'tool-result':
        return `tool-result${m.isError ? ' (error)' : ''}: ${m.output}`;
      case 'event':
        return `event ${m.event}: ${m.text}`;
      default:
        return `${m.kind}/${m.role}: ${m.text}`;
    }
  });
}

describe('requests and replies', () => {
  it('keeps a request that got no reply, and titles the chat by its first prompt without a title', async () => {
    const session = await load([
      request('Explain the retry loop in fetchWithBackoff, it seems to wait forever when the server is down'),
      request('Never mind'),
    ]);
    expect(outline(session.messages)).toEqual([
      'text/user: Explain the retry loop in fetchWithBackoff, it seems to wait forever when the server is down',
      'text/user: Never mind',
    ]);
    expect(session.title).toBe(
      'Explain the retry loop in fetchWithBackoff, it seems to wait forever when the server is down',
    );
    const long = await load([request(`${'word '.repeat(40)}\nsecond line`)]);
    expect(long.title).toHaveLength(100);
    expect(long.title?.endsWith('…')).toBe(true);
  });

  it('marks a cancelled request after what it streamed, and an error with its message', async () => {
    const session = await load([
      request('one', {
        response: [{ value: 'Partial' }],
        isCanceled: true,
        result: { timings: { totalElapsed: 1 } },
      }),
      request('two', {
        response: [],
        result: { errorDetails: { message: 'Sorry, the response was filtered.' } },
      }),
    ]);
    expect(outline(session.messages)).toEqual([
      'text/user: one',
      'text/assistant: Partial',
      'event abort: Cancelled before the reply was complete.',
      'text/user: two',
      'event error: Sorry, the response was filtered.',
    ]);
  });

  it('turns edits into diffs: replaced lines, insertions, several edits of one file', async () => {
    const uri = { $mid: 1, path: '/home/alice/app/src/a.ts', scheme: 'file' };
    const range = (s: number, sc: number, e: number, ec: number) => ({
      startLineNumber: s,
      startColumn: sc,
      endLineNumber: e,
      endColumn: ec,
    });
    const session = await load([
      request('edit', {
        response: [
          {
            kind: 'textEditGroup',
            uri,
            edits: [
              [{ text: 'const a = 1;\nconst b = 2;\n', range: range(3, 1, 4, 20) }],
              [
                { text: 'import x from "x";\n', range: range(1, 1, 1, 1) },
                { text: '', range: range(9, 1, 10, 1) },
              ],
            ],
          },
          { kind: 'textEditGroup', uri, edits: [] },
        ],
      }),
    ]);
    const edit = session.messages.find((m) => m.kind === 'tool-call');
    expect(edit).toMatchObject({ name: 'edit', input: { path: '/home/alice/app/src/a.ts' } });
    expect(edit?.kind === 'tool-call' && edit.input).toEqual({
      path: '/home/alice/app/src/a.ts',
      diff: [
        '--- /home/alice/app/src/a.ts',
        '+++ /home/alice/app/src/a.ts',
        '@@ -3,2 +3,2 @@',
        '+const a = 1;',
        '+const b = 2;',
        '@@ -1,0 +1,1 @@',
        '+import x from "x";',
        '@@ -9,2 +9,0 @@',
      ].join('\n'),
    });
    // An edit group without edits adds nothing.
    expect(session.messages.filter((m) => m.kind === 'tool-call')).toHaveLength(1);
  });

  it('pairs tools with the recorded calls by position, and falls back to what the invocation holds', async () => {
    const session = await load([
      request('look', {
        response: [
          {
            kind: 'toolInvocationSerialized',
            toolId: 'copilot_findTextInFiles',
            toolCallId: 'u1',
            isComplete: true,
            resultDetails: [{ $mid: 1, path: '/home/alice/app/a.ts', scheme: 'file' }],
          },
          {
            kind: 'toolInvocationSerialized',
            toolId: 'copilot_listDirectory',
            toolCallId: 'u2',
            isComplete: true,
            invocationMessage: 'Listing src',
            pastTenseMessage: { value: 'Listed src' },
          },
          {
            kind: 'toolInvocationSerialized',
            toolId: 'runSubagent',
            toolCallId: 'u3',
            isComplete: false,
            invocationMessage: 'Delegating',
          },
        ],
        result: {
          metadata: {
            toolCallRounds: [
              { toolCalls: [{ id: 'call_1', name: 'grep_search', arguments: '{"query":"retry"}' }] },
            ],
            toolCallResults: { call_1: { content: [{ value: 'a.ts:3: retry()' }, { value: { node: {} } }] } },
          },
        },
      }),
    ]);
    expect(outline(session.messages)).toEqual([
      'text/user: look',
      'tool-call copilot_findTextInFiles: {"query":"retry"}',
      'tool-result: a.ts:3: retry()',
      'tool-call copilot_listDirectory: {"message":"Listing src"}',
      'tool-result: Listed src',
      'tool-call runSubagent: {"message":"Delegating"}',
    ]);
    expect(session.messages.filter((m) => m.kind === 'tool-call').map((m) => m.callId)).toEqual([
      'u1',
      'u2',
      'u3',
    ]);
  });

  it('shows thinking, inline references, warnings and confirmations; leaves out unknown parts', async () => {
    const session = await load([
      request('why', {
        response: [
          { kind: 'thinking', value: ['Looking at ', 'the loop.'] },
          { kind: 'thinking', value: '' },
          { value: 'See ' },
          {
            kind: 'inlineReference',
            inlineReference: { uri: { $mid: 1, path: '/home/alice/app/loop.ts', scheme: 'file' }, range: {} },
          },
          { kind: 'inlineReference', name: 'retry', inlineReference: { name: 'retry', location: {} } },
          { value: '.' },
          { kind: 'someFuturePart', value: 'not shown' },
          { kind: 'progressMessage', content: { value: 'Searching…' } },
          { kind: 'warning', content: { value: 'The file is too large to read whole.' } },
          {
            kind: 'confirmation',
            title: 'Enable Claude Sonnet 4?',
            message: 'Allow access to the model.',
            isUsed: true,
          },
          { value: '```' },
        ],
      }),
    ]);
    expect(outline(session.messages)).toEqual([
      'text/user: why',
      'thinking/assistant: Looking at the loop.',
      'text/assistant: See `loop.ts``retry`.',
      'event warning: The file is too large to read whole.',
      'event info: Enable Claude Sonnet 4?: Allow access to the model. (answered)',
      // A lone fence not next to an edit is the model's own text: kept.
      'text/assistant: ```',
    ]);
  });

  it('records the model `auto` resolved to, else the picked one without its vendor prefix', async () => {
    const session = await load([
      request('a', {
        modelId: 'copilot/auto',
        result: { metadata: { resolvedModel: 'gpt-5-mini' } },
        response: [{ value: 'x' }],
      }),
      request('b', { modelId: 'copilot/claude-sonnet-4', response: [{ value: 'y' }] }),
      request('c', { modelId: 'copilot/claude-sonnet-4', response: [{ value: 'z' }] }),
    ]);
    expect(session.models).toEqual(['gpt-5-mini', 'claude-sonnet-4']);
    expect(session.messages.filter((m) => m.role === 'assistant').map((m) => m.model)).toEqual([
      'gpt-5-mini',
      'claude-sonnet-4',
      'claude-sonnet-4',
    ]);
  });

  it('hands a pasted image to ctx.attachment and keeps attached files and folders as references', async () => {
    const png = [137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13];
    const session = await load([
      request('what is wrong here?', {
        variableData: {
          variables: [
            {
              id: 'img',
              name: 'screenshot.png',
              value: Object.fromEntries(png.map((b, i) => [String(i), b])),
              isImage: true,
              mimeType: 'image/png',
              kind: 'image',
            },
            {
              id: 'dir',
              name: 'folder:src',
              value: { $mid: 1, path: '/home/alice/app/src', scheme: 'file' },
              kind: 'directory',
            },
            { id: 'tools', name: 'codebase', kind: 'tool', value: {} },
          ],
        },
      }),
    ]);
    const prompt = session.messages[0];
    expect(prompt?.kind === 'text' && prompt.attachments).toEqual([
      expect.objectContaining({
        type: 'image/png',
        name: 'screenshot.png',
        size: png.length,
        sha256: expect.any(String),
      }),
      { type: 'directory', name: 'src', path: '/home/alice/app/src' },
    ]);
  });

  it('leaves out chats only other extensions answered, unless asked to keep them', async () => {
    const other = { extensionId: { value: 'acme.chat-buddy' }, id: 'acme.buddy' };
    const requests = [request('hello buddy', { agent: other, response: [{ value: 'hi' }] })];
    expect((await load(requests)).messages).toEqual([]);
    const kept = await load(requests, {}, { includeOtherParticipants: true });
    expect(outline(kept.messages)).toEqual(['text/user: hello buddy', 'text/assistant: hi']);
    expect(kept.meta).toMatchObject({ otherParticipant: true });
  });

  it('reads the oldest reply shape (`{value: [...]}`) and a prompt kept only as parts', async () => {
    const session = await load([
      {
        message: { parts: [{ text: '/fix ' }, { text: 'the test' }] },
        response: { value: [{ value: 'Done.' }] },
      },
    ]);
    expect(outline(session.messages)).toEqual(['text/user: /fix the test', 'text/assistant: Done.']);
  });
});
