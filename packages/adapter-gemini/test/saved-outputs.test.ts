import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createAdapterContext, discoveredRefs } from '@convx/core';
import { afterAll, describe, expect, it } from 'vitest';
import { geminiAdapter } from '../src/index.js';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const WHOLE = `${'compiling module\n'.repeat(2000)}error TS2345: the last line the preview cut\n`;
const truncated = (path: string) =>
  `Tool output was too large and has been truncated.\nThe full output has been saved to: ${path}\nTo read the complete output, use the read_file tool with the absolute file path above.\n\nTruncated part of the output:\ncompiling module\n... [CONTENT TRUNCATED] ...`;

function call(id: string, output: string, display?: string) {
  return {
    id,
    name: 'run_shell_command',
    args: { command: 'npm run build' },
    status: 'success',
    timestamp: '2026-01-05T10:00:02.000Z',
    result: [{ functionResponse: { id, name: 'run_shell_command', response: { output } } }],
    ...(display ? { resultDisplay: display } : {}),
  };
}

describe('truncated tool outputs Gemini CLI saved in the project folder', () => {
  it('reads the whole output in place of the preview, only from the project folder', async () => {
    const home = mkdtempSync(join(tmpdir(), 'convx-gemini-saved-'));
    temps.push(home);
    const project = join(home, '.gemini', 'tmp', 'shop');
    const write = (rel: string, text: string) => {
      mkdirSync(dirname(join(project, rel)), { recursive: true });
      writeFileSync(join(project, rel), text);
    };
    write('.project_root', '/home/alice/code/shop');
    write('run_shell_command_3f2a1b.output', WHOLE);
    writeFileSync(join(home, 'secret.output'), 'TOP SECRET');
    write(
      'chats/session-2026-01-05T10-00-aaaa.json',
      JSON.stringify({
        sessionId: 'aaaa0000-0000-4000-8000-000000000001',
        startTime: '2026-01-05T10:00:00.000Z',
        lastUpdated: '2026-01-05T10:00:09.000Z',
        messages: [
          { id: 'm1', timestamp: '2026-01-05T10:00:00.000Z', type: 'user', content: 'Build it' },
          {
            id: 'm2',
            timestamp: '2026-01-05T10:00:02.000Z',
            type: 'gemini',
            content: '',
            model: 'gemini-2.5-pro',
            toolCalls: [
              // Recorded under another machine's home: found here under the same project folder.
              call('c1', truncated('/Users/ana/.gemini/tmp/shop/run_shell_command_3f2a1b.output')),
              // Only the screen text names the file.
              call(
                'c2',
                'compiling module\n...',
                'Output too long and was saved to: /Users/ana/.gemini/tmp/shop/run_shell_command_3f2a1b.output',
              ),
              // Outside the project folder: never read.
              call('c3', truncated(join(home, 'secret.output'))),
            ],
          },
        ],
      }),
    );
    const ctx = createAdapterContext({ home });
    const [ref] = await discoveredRefs(geminiAdapter.discover(ctx, [join(home, '.gemini', 'tmp')]));
    if (!ref) throw new Error('the session was not discovered');
    const s = await geminiAdapter.load(ctx, ref);
    const results = s.messages.filter((m) => m.kind === 'tool-result');
    const reference = {
      type: 'text/plain',
      name: 'run_shell_command_3f2a1b.output',
      path: '/Users/ana/.gemini/tmp/shop/run_shell_command_3f2a1b.output',
      size: Buffer.byteLength(WHOLE),
    };
    expect(results[0]).toMatchObject({ callId: 'c1', output: WHOLE, attachments: [reference] });
    expect(results[1]).toMatchObject({ callId: 'c2', output: WHOLE, attachments: [reference] });
    expect(results[2]).toMatchObject({
      callId: 'c3',
      output: expect.stringContaining('[CONTENT TRUNCATED]'),
    });
    expect(results[2]?.kind === 'tool-result' && results[2].attachments?.[0]?.omitted).toMatch(/not found/);
    expect(JSON.stringify(s)).not.toContain('TOP SECRET');
  });
});
