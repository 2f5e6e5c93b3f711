import { createAdapterContext, type Message } from '@convx/core';
import { describe, expect, it } from 'vitest';
import { copilotCliAdapter } from '../src/index.js';
import { discover, event, sessionFolder, tempHome } from './helpers.js';

const ID = '3c5e7a9b-1d2f-4a6c-8e0b-2d4f6a8c0e1b';

describe('streaming', () => {
  it('hands each message on while its line is being read, so a long log is never held', async () => {
    const home = tempHome();
    const lines: string[] = [];
    for (let turn = 0; turn < 300; turn++) {
      lines.push(event('user.message', { content: `prompt ${turn}` }));
      lines.push(
        event('assistant.message', {
          content: '',
          toolRequests: [{ toolCallId: `c${turn}`, name: 'bash', arguments: { command: `echo ${turn}` } }],
        }),
      );
      lines.push(
        event('tool.execution_complete', {
          toolCallId: `c${turn}`,
          success: true,
          result: { content: 'x'.repeat(2000) },
        }),
      );
    }
    sessionFolder(home, ID, lines);
    const ref = (await discover(home)).refs[0];
    if (!ref) throw new Error('no ref');
    const base = createAdapterContext({ home });
    let reading = 0;
    const ctx = {
      ...base,
      eachJsonl: ((path, onRecord, diagnostics, options) =>
        base.eachJsonl(
          path,
          (value, line) => {
            reading = line;
            return onRecord(value, line);
          },
          diagnostics,
          options,
        )) satisfies typeof base.eachJsonl,
    };
    const emittedAt: number[] = [];
    const seen: Message[] = [];
    const header = await copilotCliAdapter.stream?.(ctx, ref, (message) => {
      emittedAt.push(reading);
      seen.push(message);
    });
    expect(header?.messages).toEqual([]);
    expect(seen).toHaveLength(900);
    // Message i comes from line i + 1 and is handed on while that very line is read.
    expect(emittedAt).toEqual(seen.map((_, i) => i + 1));
  });
});
