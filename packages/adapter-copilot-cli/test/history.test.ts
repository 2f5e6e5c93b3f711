import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brief, loadOnly, tempHome, write } from './helpers.js';

const ID = '2f4e6a8c-0b1d-4e3f-9a5b-7c9d1e3f5a7b';
const file = (home: string) =>
  join(home, '.copilot', 'history-session-state', `session_${ID}_1758000000000.json`);

describe('history-session-state (≤ 2025-10)', () => {
  it('falls back to chatMessages when the timeline holds no conversation, without reminders or the system prompt', async () => {
    const home = tempHome();
    write(
      file(home),
      JSON.stringify({
        sessionId: ID,
        startTime: '2025-09-16T12:00:00.000Z',
        selectedModel: 'gpt-5',
        timeline: [{ id: 'i', timestamp: '2025-09-16T12:00:01.000Z', type: 'info', text: 'Welcome' }],
        chatMessages: [
          { role: 'system', content: 'You are Copilot.' },
          { role: 'user', content: 'Rename foo to bar\n\n<reminder>\nStay in the folder.\n</reminder>' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: 'c1',
                type: 'function',
                function: { name: 'bash', arguments: '{"command":"sed -i s/foo/bar/ x"}' },
              },
            ],
            padding: '',
          },
          { role: 'tool', tool_call_id: 'c1', content: '' },
          { role: 'assistant', content: 'Renamed.' },
        ],
      }),
    );
    const session = await loadOnly(home);
    expect(session.messages.map(brief)).toEqual([
      'user: Rename foo to bar',
      'call bash c1',
      'result c1: ',
      'assistant: Renamed.',
    ]);
    expect(session.messages[1]).toMatchObject({ input: { command: 'sed -i s/foo/bar/ x' }, model: 'gpt-5' });
    expect(session).toMatchObject({
      startedAt: '2025-09-16T12:00:00.000Z',
      models: ['gpt-5'],
      meta: { format: 'history-json' },
    });
  });

  it('fails a file that is not JSON, which the engine reports with its path', async () => {
    const home = tempHome();
    write(file(home), '{"sessionId": "cut sh');
    await expect(loadOnly(home)).rejects.toThrow();
  });
});
