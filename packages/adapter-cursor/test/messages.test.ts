import { createDiagnostics } from '@convx/core';
import { describe, expect, it } from 'vitest';
import { bubbleMessages } from '../src/parse.js';
import { flattenRichText } from '../src/parse-rich-text.js';
import type { RawBubble } from '../src/types.js';

const messagesOf = (bubble: RawBubble) => bubbleMessages(bubble, createDiagnostics(), '/db');

describe('tool calls by status', () => {
  const call = (toolFormerData: RawBubble['toolFormerData']) =>
    messagesOf({ type: 2, bubbleId: 'b1', text: '', toolFormerData });

  it('a pending call has no result yet', () => {
    expect(call({ name: 'grep', toolCallId: 't1', status: 'loading', rawArgs: '{"query":"TODO"}' })).toEqual([
      {
        id: 'b1',
        kind: 'tool-call',
        role: 'assistant',
        name: 'grep',
        input: { query: 'TODO' },
        callId: 't1',
      },
    ]);
  });

  it('a cancelled call gets a result saying so, not flagged as an error', () => {
    const [, result] = call({ name: 'edit_file', toolCallId: 't2', status: 'cancelled', params: '{}' });
    expect(result).toEqual({
      id: 'b1',
      kind: 'tool-result',
      role: 'tool',
      name: 'edit_file',
      callId: 't2',
      output: 'The tool call ended with status "cancelled".',
    });
  });

  it('an error without a result keeps the error text, flagged', () => {
    const [, result] = call({
      name: 'web_search',
      status: 'error',
      error: 'rate limited',
      rawArgs: 'not json',
    });
    expect(result).toMatchObject({
      kind: 'tool-result',
      output: 'rate limited',
      isError: true,
      callId: 'b1',
    });
  });

  it('falls back to the numeric tool id as the name and keeps non-JSON arguments as text', () => {
    const [toolCall] = call({ tool: 3, rawArgs: 'ls -la', status: 'completed', result: 'total 0' });
    expect(toolCall).toMatchObject({ kind: 'tool-call', name: '3', input: 'ls -la' });
  });
});

describe('bubble text and times', () => {
  it('reads thinking given as a plain string and the time from timingInfo when createdAt is missing', () => {
    expect(
      messagesOf({
        type: 2,
        thinking: 'Check the index first.',
        text: 'Done.',
        timingInfo: { clientStartTime: 1740000000000 },
      }),
    ).toEqual([
      {
        kind: 'thinking',
        role: 'assistant',
        text: 'Check the index first.',
        timestamp: '2025-02-19T21:20:00.000Z',
      },
      { kind: 'text', role: 'assistant', text: 'Done.', timestamp: '2025-02-19T21:20:00.000Z' },
    ]);
  });

  it('drops an empty bubble and counts an unknown type', () => {
    const diagnostics = createDiagnostics();
    expect(bubbleMessages({ type: 1, text: '  ' }, diagnostics, '/db')).toEqual([]);
    expect(bubbleMessages({ type: 'system', text: 'x' }, diagnostics, '/db')).toEqual([]);
    expect(diagnostics.list()).toMatchObject([{ code: 'unknown-bubble-type', count: 1, path: '/db' }]);
  });

  it('flattens Lexical rich text: paragraphs and line breaks become lines, mentions keep their text', () => {
    const state = {
      root: {
        type: 'root',
        children: [
          {
            type: 'paragraph',
            children: [
              { type: 'text', text: 'Look at ' },
              { type: 'mention', text: '@src/app.ts' },
              { type: 'linebreak' },
              { type: 'text', text: 'and fix it.' },
            ],
          },
          { type: 'paragraph', children: [{ type: 'text', text: 'Thanks' }] },
        ],
      },
    };
    expect(flattenRichText(JSON.stringify(state))).toBe('Look at @src/app.ts\nand fix it.\nThanks');
    expect(flattenRichText('not json')).toBe('not json');
  });
});
