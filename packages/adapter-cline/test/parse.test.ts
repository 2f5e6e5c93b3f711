import { createAdapterContext, type Message } from '@convx/core';
import { describe, expect, it } from 'vitest';
import { parseHistory } from '../src/parse.js';
import { parseUiMessages } from '../src/parse-ui.js';
import { isInjected, resultHeader } from '../src/parse-user-text.js';
import { splitAssistantText } from '../src/parse-xml-tools.js';

const ctx = createAdapterContext({ home: '/home/alice' });
const parse = (entries: unknown[]) =>
  parseHistory(entries, { diagnostics: ctx.diagnostics(), keep: ctx.attachment, path: 'api.json' }).messages;
const text = (t: string) => ({ type: 'text', text: t });
const brief = (messages: Message[]) =>
  messages.map((m) => {
    if (m.kind === 'tool-call') return `call ${m.name} ${m.callId}`;
    if (m.kind === 'tool-result') return `result ${m.name ?? '?'} ${m.callId ?? '-'}: ${m.output}`;
    if (m.kind === 'context') return `context ${m.label}`;
    return `${m.kind} ${m.role}: ${'text' in m ? m.text : ''}`;
  });

describe('tool results sent as user text', () => {
  it('pairs them with the waiting calls in order, a same-named call first', () => {
    const messages = parse([
      { role: 'user', content: [text('<task>\nlook\n</task>')] },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'a', name: 'read_file', input: { path: 'a' } },
          { type: 'tool_use', id: 'b', name: 'list_files', input: { path: '.' } },
          { type: 'tool_use', id: 'c', name: 'read_file', input: { path: 'c' } },
        ],
      },
      {
        role: 'user',
        content: [
          text("[list_files for '.'] Result:"),
          text('a c'),
          text("[read_file for 'a'] Result:\nA"),
          text("[read_file for 'c'] Result:"),
          text('C'),
        ],
      },
    ]);
    expect(brief(messages).slice(4)).toEqual([
      'result list_files b: a c',
      'result read_file a: A',
      'result read_file c: C',
    ]);
  });

  it('gives XML calls their own ids, and a result without a call keeps its name', () => {
    const messages = parse([
      { role: 'assistant', content: [text('<read_file>\n<path>x.ts</path>\n</read_file>')] },
      {
        role: 'user',
        content: [
          text("[read_file for 'x.ts'] Result:"),
          text('X'),
          text("[execute_command for 'ls'] Result:"),
          text('x.ts'),
        ],
      },
    ]);
    expect(brief(messages)).toEqual([
      'call read_file tool-1',
      'result read_file tool-1: X',
      'result execute_command -: x.ts',
    ]);
  });

  it('reads a multi-line command in the header', () => {
    expect(resultHeader("[execute_command for 'a &&\nb'] Result:\nok")).toEqual({
      name: 'execute_command',
      target: 'a &&\nb',
      rest: 'ok',
    });
  });
});

describe('what the person typed, and what the extension injected', () => {
  it('keeps environment details, resumption notices and mention contents as context', () => {
    const messages = parse([
      {
        role: 'user',
        content: [
          text('<task>\nfix @/a.ts\n</task>\n\n<file_content path="a.ts">\nconst a = 1;\n</file_content>'),
          text('<environment_details>\n# Current Working Directory (/w) Files\n</environment_details>'),
        ],
      },
      { role: 'assistant', content: [text('Done.')] },
      {
        role: 'user',
        content: [
          text('[TASK RESUMPTION] This task was interrupted 2 minutes ago.'),
          text('<user_message>\ngo on\n</user_message>'),
        ],
      },
      { role: 'user', content: [text('plain words typed later')] },
    ]);
    expect(brief(messages)).toEqual([
      'text user: fix @/a.ts',
      'context file content',
      'context environment details',
      'text assistant: Done.',
      'context task resumption',
      'text user: go on',
      'text user: plain words typed later',
    ]);
    expect(isInjected('[ERROR] You did not use a tool')).toBe(true);
    expect(isInjected('Why does [this] fail?')).toBe(false);
  });

  it('makes the final completion the assistant reply, and the feedback on it the person', () => {
    const messages = parse([
      {
        role: 'assistant',
        content: [text('<attempt_completion>\n<result>\nAll done.\n</result>\n</attempt_completion>')],
      },
      {
        role: 'user',
        content: [
          text('[attempt_completion] Result:'),
          text('The user has provided feedback.\n<feedback>\nmore tests\n</feedback>'),
        ],
      },
    ]);
    expect(brief(messages)).toEqual(['text assistant: All done.', 'text user: more tests']);
  });

  it('puts feedback on a denied tool after its result, flagged as an error', () => {
    const messages = parse([
      {
        role: 'assistant',
        content: [text('<write_to_file>\n<path>a</path>\n<content>\nx\n</content>\n</write_to_file>')],
      },
      {
        role: 'user',
        content: [
          text("[write_to_file for 'a'] Result:"),
          text('The user denied this operation.\n<feedback>\nnot there\n</feedback>'),
        ],
      },
    ]);
    expect(brief(messages)).toEqual([
      'call write_to_file tool-1',
      'result write_to_file tool-1: The user denied this operation.',
      'text user: not there',
    ]);
    expect(messages[1]).toMatchObject({ isError: true });
  });
});

describe('assistant text', () => {
  it('splits prose, thinking and XML calls, leaving tags in prose alone', () => {
    expect(
      splitAssistantText(
        'Use a <div> here.\n<thinking>\nhmm\n</thinking>\n<search_files>\n<path>src</path>\n<regex>a|b</regex>\n</search_files>',
      ),
    ).toEqual([
      { type: 'text', text: 'Use a <div> here.' },
      { type: 'thinking', text: 'hmm' },
      { type: 'tool', name: 'search_files', input: { path: 'src', regex: 'a|b' } },
    ]);
  });

  it('keeps a file content holding its own closing tag whole', () => {
    const [piece] = splitAssistantText(
      '<write_to_file>\n<path>t.md</path>\n<content>\nuse </content> carefully\n</content>\n</write_to_file>',
    );
    expect(piece).toEqual({
      type: 'tool',
      name: 'write_to_file',
      input: { path: 't.md', content: 'use </content> carefully' },
    });
  });
});

describe('UI messages alone', () => {
  it('drops a streaming leftover superseded by the complete message', () => {
    const messages = parseUiMessages(
      [
        { ts: 1, type: 'say', say: 'text', text: 'hello' },
        { ts: 2, type: 'say', say: 'text', text: 'Partial ans', partial: true },
        { ts: 2, type: 'say', say: 'text', text: 'Partial answer, complete.' },
        { ts: 3, type: 'ask', ask: 'command', text: 'ls' },
        { ts: 4, type: 'ask', ask: 'command_output', text: 'a.ts' },
      ],
      { diagnostics: ctx.diagnostics(), keep: ctx.attachment, path: 'ui.json' },
    );
    expect(brief(messages)).toEqual([
      'text user: hello',
      'text assistant: Partial answer, complete.',
      'call execute_command ui-1',
      'result ? ui-1: a.ts',
    ]);
  });
});
