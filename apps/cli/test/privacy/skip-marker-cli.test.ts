import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupArgs, listOutputFiles, makeWorkspace, runCli, type Workspace } from '../support/cli.js';
import { fakeUuid, writeCodexSession } from '../support/codex-fixture.js';
import { readTwins } from './outputs.js';
import { writeClaudeSession, writeCodexWithTool } from './sessions.js';

// A session whose typed prompts contain the skip marker is not exported, and what earlier runs wrote for
// it is removed; the marker elsewhere (assistant text, injected context, subagent prompts) does not count.

let ws: Workspace;
beforeEach(async () => {
  ws = await makeWorkspace({ copyFixtures: false });
});
afterEach(() => ws.cleanup());

const cwd = () => `${ws.home}/code/notes`;
const session = (n: number, prompts: string[], answer = 'Sure.') => ({
  id: fakeUuid(n),
  startedAt: `2026-11-05T0${n % 10}:00:00.000Z`,
  cwd: cwd(),
  turns: prompts.map((prompt) => ({ prompt, answer })),
});

interface Report {
  withdrawn: { source: string; path: string; reason: string; detail?: string }[];
  skipped: { key: string; reason: string; detail?: string }[];
  removed: string[];
  totals: { skipped: number };
}
const backup = async (...extra: string[]) => {
  const result = await runCli(backupArgs(ws, '--json', ...extra));
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Report;
};

describe('skip marker', () => {
  it('does not export a session with the marker in a typed prompt', async () => {
    await writeCodexSession(ws.home, session(1, ['Draft my resignation letter. CONVX_NO_SYNC']));
    await writeCodexSession(ws.home, session(2, ['Fix the flaky test.']));
    const report = await backup();
    const twins = await readTwins(ws.out);
    expect([...twins.keys()]).toEqual([fakeUuid(2)]);
    expect(report.withdrawn.map((w) => [w.reason, w.detail])).toEqual([
      ['skip marker', 'a prompt contains the skip marker CONVX_NO_SYNC'],
    ]);
    expect(report.skipped.map((s) => s.reason)).toContain('skip marker');
  });

  it('removes what an earlier run wrote once the marker is added', async () => {
    const spec = session(3, ['Plan the reorg.']);
    await writeCodexSession(ws.home, spec);
    await backup();
    const before = await listOutputFiles(ws.out);
    expect(before.filter((f) => f.startsWith('history/'))).toHaveLength(2);

    await writeCodexSession(ws.home, {
      ...spec,
      turns: [...spec.turns, { prompt: 'CONVX_NO_SYNC please', answer: 'Ok.' }],
    });
    const report = await backup();
    expect(report.removed.sort()).toEqual(before.filter((f) => f.startsWith('history/')).sort());
    expect((await listOutputFiles(ws.out)).filter((f) => f.startsWith('history/'))).toEqual([]);
  });

  it('ignores the marker in assistant text, injected context and subagent prompts', async () => {
    await writeCodexWithTool(ws.home, {
      ...session(4, ['How do I keep a chat out of the history?'], 'Type CONVX_NO_SYNC in a prompt.'),
      context: 'Never write CONVX_NO_SYNC unless asked.',
      toolInput: 'grep -rn CONVX_NO_SYNC docs',
      toolOutput: 'docs/redaction.md:12: CONVX_NO_SYNC',
    });
    await writeClaudeSession(ws.home, {
      sessionId: '6f1e2d3c-4b5a-4697-8a1b-2c3d4e5f6a81',
      cwd: cwd(),
      startedAt: '2026-11-05T08:00:00.000Z',
      prompt: 'Find where the skip marker is documented.',
      answer: 'It is CONVX_NO_SYNC.',
      subagent: { id: 'a9b8c7d', prompt: 'Search for CONVX_NO_SYNC', answer: 'Found in docs.' },
    });
    const report = await backup();
    expect(report.totals.skipped).toBe(0);
    const twins = await readTwins(ws.out);
    expect([...twins.keys()].sort()).toEqual([fakeUuid(4), '6f1e2d3c-4b5a-4697-8a1b-2c3d4e5f6a81']);
    const codex = twins.get(fakeUuid(4));
    expect(
      codex?.messages.find((m) => m.kind === 'context' && m.text?.includes('CONVX_NO_SYNC')),
    ).toBeDefined();
  });

  it('uses the config skip_marker instead of the default', async () => {
    await mkdir(join(ws.out, '.convx'), { recursive: true });
    await writeFile(join(ws.out, '.convx/config.toml'), 'skip_marker = "#private"\n');
    await writeCodexSession(ws.home, session(5, ['Talk about my health #private']));
    await writeCodexSession(ws.home, session(6, ['CONVX_NO_SYNC is just text here']));
    const report = await backup();
    expect([...(await readTwins(ws.out)).keys()]).toEqual([fakeUuid(6)]);
    expect(report.withdrawn.map((w) => w.detail)).toEqual(['a prompt contains the skip marker #private']);
  });

  it('combines with exclude: each session gets the first reason', async () => {
    await writeCodexSession(ws.home, {
      ...session(7, ['CONVX_NO_SYNC secret project']),
      cwd: `${ws.home}/scratch/x`,
    });
    await writeCodexSession(ws.home, session(8, ['CONVX_NO_SYNC here']));
    await writeCodexSession(ws.home, session(9, ['kept']));
    const report = await backup('--exclude', '~/scratch');
    expect([...(await readTwins(ws.out)).keys()]).toEqual([fakeUuid(9)]);
    expect(report.withdrawn.map((w) => [w.reason, w.detail]).sort()).toEqual([
      ['excluded', `its project ${ws.home}/scratch/x is excluded (~/scratch)`],
      ['skip marker', 'a prompt contains the skip marker CONVX_NO_SYNC'],
    ]);
  });
});
