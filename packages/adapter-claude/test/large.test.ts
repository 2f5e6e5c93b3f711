import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdapterContext, discoveredRefs } from '@convx/core';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { claudeAdapter } from '../src/index.js';
import { outline } from './helpers.js';

const SESSION = '1a2b3c4d-0000-4000-8000-00000000b16f';
const temp = mkdtempSync(join(tmpdir(), 'convx-claude-large-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const common = (uuid: string, parentUuid: string | null, timestamp: string) => ({
  parentUuid,
  isSidechain: false,
  userType: 'external',
  cwd: '/home/alice/code/big',
  sessionId: SESSION,
  version: '2.1.42',
  gitBranch: 'main',
  uuid,
  timestamp,
});

/** A transcript shaped like the progress-heavy ones in the wild: a few messages among MBs of progress. */
function writeTranscript(path: string, progressLines: number): void {
  const filler = 'x'.repeat(100 * 1024);
  const rows = [
    JSON.stringify({
      ...common('u1', null, '2026-11-01T08:00:00.000Z'),
      type: 'user',
      message: { role: 'user', content: 'Run the full test suite.' },
    }),
  ];
  for (let i = 0; i < progressLines; i++) {
    // Key order as Claude Code writes it: the record's own `type` before `data`.
    const { uuid: _u, timestamp: _t, ...head } = common('', 'u1', '');
    rows.push(
      JSON.stringify({
        ...head,
        type: 'progress',
        data: {
          message: {
            type: 'user',
            message: { role: 'user', content: `copied subagent prompt ${i} ${filler}` },
          },
          type: 'agent_progress',
          agentId: 'a1b2c3d',
        },
        toolUseID: `agent_msg_${i}`,
        parentToolUseID: 'toolu_big',
        uuid: `p${i}`,
        timestamp: '2026-11-01T08:00:01.000Z',
      }),
    );
  }
  rows.push(
    JSON.stringify({
      ...common('a1', 'u1', '2026-11-01T08:10:00.000Z'),
      type: 'assistant',
      message: {
        id: 'msg_big',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5-20250929',
        content: [{ type: 'text', text: 'All 1,204 tests pass.' }],
      },
    }),
  );
  writeFileSync(path, `${rows.join('\n')}\n`);
}

describe('a progress-heavy transcript of many MB', () => {
  it('is streamed, its progress lines skipped without JSON.parse, its messages kept', async () => {
    const folder = join(temp, '.claude', 'projects', '-home-alice-code-big');
    mkdirSync(folder, { recursive: true });
    const path = join(folder, `${SESSION}.jsonl`);
    writeTranscript(path, 200);
    expect(statSync(path).size).toBeGreaterThan(20_000_000);

    const ctx = createAdapterContext({ home: temp });
    const refs = await discoveredRefs(
      claudeAdapter.discover(ctx, claudeAdapter.defaultLocations({ home: temp, env: {}, platform: 'linux' })),
    );
    expect(refs.map((r) => r.sessionId)).toEqual([SESSION]);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const session = await claudeAdapter.load(ctx, refs[0] ?? { sessionId: SESSION, fingerprint: '', path });
      expect(outline(session.messages)).toEqual([
        'text/user: Run the full test suite.',
        'text/assistant: All 1,204 tests pass.',
      ]);
      expect(session.diagnostics).toEqual([]);
      expect(JSON.stringify(session)).not.toContain('copied subagent prompt');
      // Two conversation records parsed; none of the 200 progress lines.
      expect(parse.mock.calls.filter(([text]) => String(text).includes('"progress"'))).toEqual([]);
    } finally {
      parse.mockRestore();
    }
  });
});
