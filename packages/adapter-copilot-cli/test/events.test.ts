import { createAdapterContext, isConvxError } from '@convx/core';
import { describe, expect, it } from 'vitest';
import { createCopilotCliAdapter, typedText } from '../src/index.js';
import { brief, discover, event, loadOnly, sessionFolder, tempHome } from './helpers.js';

const ID = '0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b';

describe('prompts: only what the person typed', () => {
  it('takes `content`, never `transformedContent`, even when content looks injected', async () => {
    const home = tempHome();
    sessionFolder(home, ID, [
      event('user.message', {
        content: 'Explain <current_datetime> tags to me',
        transformedContent:
          '<current_datetime>2026-04-01</current_datetime>\n\nExplain …\n<reminder>x</reminder>',
      }),
    ]);
    const session = await loadOnly(home);
    expect(session.messages.map(brief)).toEqual(['user: Explain <current_datetime> tags to me']);
  });

  it('strips the clock and reminder blocks older logs appended to the typed text', () => {
    expect(typedText('Fix it\n\n<current_datetime>2025-12-04T16:02:19.000Z</current_datetime>')).toBe(
      'Fix it',
    );
    expect(typedText('Fix it\n<reminder>\nstay in cwd\n</reminder>\n')).toBe('Fix it');
    expect(
      typedText('Fix it <current_datetime>x</current_datetime>\n<system_reminder>y</system_reminder>'),
    ).toBe('Fix it');
    // A tail cut short by the writer is still the clock, not the prompt.
    expect(typedText('Fix it\n\n<current_datetime>2025-12-04T16:0')).toBe('Fix it');
    // Only a tail is injected: the same tag in the middle is what was typed.
    expect(typedText('What is <reminder>a</reminder> for?')).toBe('What is <reminder>a</reminder> for?');
  });

  it('shows a message a skill or a schedule sent as context, not as a prompt', async () => {
    const home = tempHome();
    sessionFolder(home, ID, [
      event('user.message', { content: 'Run the nightly check', source: 'schedule' }),
      event('user.message', { content: 'And now?', source: 'user' }),
    ]);
    expect((await loadOnly(home)).messages.map(brief)).toEqual([
      'context Message from schedule: Run the nightly check',
      'user: And now?',
    ]);
  });
});

describe('events that are not conversation', () => {
  it('never shows system.message, and ignores unknown, hook, permission and usage events', async () => {
    const home = tempHome();
    sessionFolder(home, ID, [
      event('session.start', { sessionId: ID, copilotVersion: '1.0.30', context: { cwd: '/w' } }),
      event('system.message', { role: 'system', content: 'You are the GitHub Copilot CLI.' }),
      event('user.message', { content: 'hi' }),
      event('hook.start', { hookType: 'preToolUse' }),
      event('permission.requested', { requestId: 'p1' }),
      event('session.usage_info', { tokenLimit: 1 }),
      event('some.future_event', { content: 'not for people' }),
      event('assistant.message', { messageId: 'a', content: 'hello', toolRequests: [] }),
    ]);
    const session = await loadOnly(home);
    expect(session.messages.map(brief)).toEqual(['user: hi', 'assistant: hello']);
    expect(session.diagnostics).toEqual([]);
    expect(session.cwd).toBe('/w');
  });

  it('shows model changes, errors, warnings, aborts and compactions as events', async () => {
    const home = tempHome();
    sessionFolder(home, ID, [
      event('session.start', { sessionId: ID, selectedModel: 'gpt-5' }),
      event('user.message', { content: 'go' }),
      event('session.model_change', { previousModel: 'gpt-5', newModel: 'claude-opus-4.5' }),
      event('session.warning', { warningType: 'quota', message: '80% of premium requests used' }),
      event('session.error', { errorType: 'api', message: 'Upstream timed out', statusCode: 504 }),
      event('abort', { reason: 'user_initiated' }),
      event('session.compaction_complete', { success: true, summaryContent: 'We fixed the bug.' }),
      event('session.compaction_complete', { success: false, error: 'too little to compact' }),
    ]);
    const session = await loadOnly(home);
    expect(session.messages.map(brief)).toEqual([
      'user: go',
      'info: Model changed from gpt-5 to claude-opus-4.5',
      'warning: 80% of premium requests used',
      'error: Upstream timed out',
      'abort: Aborted (user initiated)',
      'compaction: Context compacted',
      'context Compaction summary: We fixed the bug.',
      'warning: Context compaction failed: too little to compact',
    ]);
    expect(session.models).toEqual(['gpt-5', 'claude-opus-4.5']);
  });
});

describe('tools', () => {
  it('pairs requests with executions: success, error with code, structured contents, a call nobody requested', async () => {
    const home = tempHome();
    const png =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    sessionFolder(home, ID, [
      event('assistant.message', {
        content: '',
        toolRequests: [
          { toolCallId: 'c1', name: 'bash', arguments: { command: 'make' } },
          { toolCallId: 'c2', name: 'web_fetch', arguments: '{"url":"https://example.com"}' },
          { toolCallId: 'c3', name: 'screenshot', arguments: {} },
        ],
      }),
      event('tool.execution_complete', {
        toolCallId: 'c1',
        success: true,
        result: { content: 'ok', detailedContent: 'ok\nall 12 targets built' },
      }),
      event('tool.execution_complete', {
        toolCallId: 'c2',
        success: false,
        error: { message: 'Fetch blocked', code: 'url_denied' },
      }),
      event('tool.execution_complete', {
        toolCallId: 'c3',
        success: true,
        result: {
          content: '',
          contents: [
            { type: 'text', text: 'captured' },
            { type: 'image', data: png, mimeType: 'image/png' },
          ],
        },
      }),
      event('tool.execution_start', { toolCallId: 'u1', toolName: 'bash', arguments: { command: 'ls' } }),
      event('tool.execution_complete', {
        toolCallId: 'u1',
        success: true,
        isUserRequested: true,
        result: { content: 'a b' },
      }),
    ]);
    const session = await loadOnly(home);
    expect(session.messages.map(brief)).toEqual([
      'call bash c1',
      'call web_fetch c2',
      'call screenshot c3',
      'result c1: ok\nall 12 targets built',
      'result c2 error: Fetch blocked (url_denied)',
      'result c3: captured',
      'call bash u1',
      'result u1: a b',
    ]);
    const fetch = session.messages.find((m) => m.kind === 'tool-call' && m.callId === 'c2');
    expect(fetch).toMatchObject({ input: { url: 'https://example.com' } });
    const shot = session.messages.find((m) => m.kind === 'tool-result' && m.callId === 'c3');
    expect(shot).toMatchObject({ attachments: [{ type: 'image/png', size: 70 }] });
    const user = session.messages.find((m) => m.kind === 'tool-result' && m.callId === 'u1');
    expect(user).toMatchObject({ name: 'bash' });
  });
});

describe('reasoning', () => {
  it('shows assistant.reasoning once when the message repeats it, and marks opaque reasoning', async () => {
    const home = tempHome();
    sessionFolder(home, ID, [
      event('user.message', { content: 'q' }),
      event('assistant.reasoning', { reasoningId: 'r', content: 'Think first.' }),
      event('assistant.message', { content: 'A', reasoningText: 'Think first.' }),
      event('assistant.message', { content: 'B', reasoningOpaque: 'opaque' }),
      event('user.message', { content: 'again' }),
      event('assistant.message', { content: 'C', reasoningText: 'Think first.' }),
    ]);
    expect((await loadOnly(home)).messages.map(brief)).toEqual([
      'user: q',
      'thinking: Think first.',
      'assistant: A',
      'thinking: (redacted)',
      'assistant: B',
      'user: again',
      'thinking: Think first.',
      'assistant: C',
    ]);
  });
});

describe('options', () => {
  it('leaves opaque reasoning out with redactedThinking: false, and refuses an option of the wrong type', async () => {
    const home = tempHome();
    sessionFolder(home, ID, [event('assistant.message', { content: 'B', reasoningOpaque: 'opaque' })]);
    const ref = (await discover(home)).refs[0];
    if (!ref) throw new Error('no ref');
    const quiet = createCopilotCliAdapter({ redactedThinking: false });
    const session = await quiet.load(createAdapterContext({ home }), ref);
    expect(session.messages.map(brief)).toEqual(['assistant: B']);
    let error: unknown;
    try {
      createCopilotCliAdapter(JSON.parse('{"redactedThinking":"no"}'));
    } catch (caught) {
      error = caught;
    }
    expect(isConvxError(error) && error.code).toBe('INVALID_OPTION');
    expect(String(error)).toContain('redactedThinking option must be true or false (got "no")');
  });
});

describe('lines', () => {
  it('counts a malformed line, ignores a truncated last line, and keeps everything else', async () => {
    const home = tempHome();
    sessionFolder(home, ID, [
      event('user.message', { content: 'one' }),
      '{"type":"assistant.message","data":{"content":"broken',
      '42',
      event('assistant.message', { content: 'two' }),
      '{"type":"user.message","data":{"content":"being writ',
    ]);
    const session = await loadOnly(home);
    expect(session.messages.map(brief)).toEqual(['user: one', 'assistant: two']);
    // Lines 2 and 3, folded into one diagnostic; line 5 is the event being written.
    expect(session.diagnostics.map((d) => [d.code, d.line, d.count])).toEqual([['malformed-line', 2, 2]]);
  });
});
