import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdapterContext, discoveredRefs } from '@convx/core';
import { afterAll, describe, expect, it } from 'vitest';
import { opencodeAdapter } from '../src/index.js';
import { buildOpencodeDb, type FixtureSession } from './fixture-db.js';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const t = (iso: string) => Date.parse(iso);
const WHOLE = `${'✓ test passed\n'.repeat(3000)}✗ 1 failing: forecast/hourly returns 23 entries\n`;
const PREVIEW = (path: string) =>
  `✓ test passed\n✓ test passed\n\n...41234 bytes truncated...\n\nThe tool call succeeded but the output was truncated. Full output saved to: ${path}\nUse the Task tool to have explore agent process this file with Grep and Read (with offset/limit). Do NOT read the full file yourself - delegate to save context.`;

function session(outputs: Record<string, string>): FixtureSession {
  return {
    id: 'ses_saved',
    projectId: 'prj_weather',
    directory: '/home/alice/code/weather-app',
    title: 'Run the tests',
    version: '1.2.6',
    created: t('2026-03-05T10:00:00Z'),
    updated: t('2026-03-05T10:05:00Z'),
    messages: [
      {
        id: 'msg_1',
        time: t('2026-03-05T10:00:01Z'),
        data: { role: 'user', time: { created: t('2026-03-05T10:00:01Z') } },
        parts: [{ id: 'prt_1', data: { type: 'text', text: 'Run the tests' } }],
      },
      {
        id: 'msg_2',
        time: t('2026-03-05T10:00:05Z'),
        data: { role: 'assistant', modelID: 'gpt-5', time: { created: t('2026-03-05T10:00:05Z') } },
        parts: Object.entries(outputs).map(([callID, output], i) => ({
          id: `prt_2${i}`,
          data: {
            type: 'tool',
            tool: 'bash',
            callID,
            state: { status: 'completed', input: { command: 'npm test' }, output },
          },
        })),
      },
    ],
  };
}

async function load(build: (dataDir: string) => void) {
  const home = mkdtempSync(join(tmpdir(), 'convx-opencode-saved-'));
  temps.push(home);
  const dataDir = join(home, '.local', 'share', 'opencode');
  mkdirSync(join(dataDir, 'tool-output'), { recursive: true });
  build(dataDir);
  const ctx = createAdapterContext({ home });
  const [ref] = await discoveredRefs(opencodeAdapter.discover(ctx, [dataDir]));
  if (!ref) throw new Error('no session found');
  return { session: await opencodeAdapter.load(ctx, ref), dataDir };
}

describe('truncated tool outputs OpenCode saved in tool-output/', () => {
  it('reads the whole output in place of the preview, by file name, from its own folder only', async () => {
    const { session: s } = await load((dataDir) => {
      writeFileSync(join(dataDir, 'tool-output', 'tool_c1a2b3'), WHOLE);
      writeFileSync(join(dataDir, 'secret'), 'TOP SECRET');
      buildOpencodeDb(join(dataDir, 'opencode.db'), [
        session({
          // Recorded on another machine: found here by name.
          call_1: PREVIEW('/Users/ana/.local/share/opencode/tool-output/tool_c1a2b3'),
          // A path outside tool-output/ is looked up there by name too, never read where it points.
          call_2: PREVIEW(join(dataDir, '..', 'opencode', 'secret')),
          call_3: PREVIEW('C:\\Users\\Ana Lee\\.local\\share\\opencode\\tool-output\\tool_gone'),
        }),
      ]);
    });
    const results = s.messages.filter((m) => m.kind === 'tool-result');
    expect(results[0]).toMatchObject({
      callId: 'call_1',
      output: WHOLE,
      attachments: [
        {
          type: 'text/plain',
          name: 'tool_c1a2b3',
          path: '/Users/ana/.local/share/opencode/tool-output/tool_c1a2b3',
          size: Buffer.byteLength(WHOLE),
        },
      ],
    });
    expect(results[1]?.kind === 'tool-result' && results[1].output).toContain('...41234 bytes truncated...');
    expect(JSON.stringify(s)).not.toContain('TOP SECRET');
    expect(results[2]).toMatchObject({
      output: expect.stringContaining('Full output saved to:'),
      attachments: [
        { name: 'tool_gone', path: 'C:\\Users\\Ana Lee\\.local\\share\\opencode\\tool-output\\tool_gone' },
      ],
    });
    expect(results[2]?.kind === 'tool-result' && results[2].attachments?.[0]?.omitted).toMatch(/not found/);
  });
});
