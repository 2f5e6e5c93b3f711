import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTemp, tempDir, tempRepo } from '../git/temp-repo.js';
import { runCli } from '../support/cli.js';
import { fakeUuid, writeCodexSession } from '../support/codex-fixture.js';
import { leaks, readOutputs } from './outputs.js';
import { plantedText, secretCores } from './sessions.js';

// `convx sync` shares the run preparation with backup: the same redaction and skip marker apply.

let home: string;
let repo: string;
const sync = (...args: string[]) =>
  runCli(['sync', '--home', home, '--user', 'ana', '--source-system', 'codex', '--json', ...args], {
    cwd: repo,
  });

beforeAll(async () => {
  home = await tempDir('convx-privacy-home-');
  repo = await tempRepo({ commit: true });
  await writeCodexSession(home, {
    id: fakeUuid(921),
    startedAt: '2026-11-06T09:00:00.000Z',
    cwd: repo,
    turns: [{ prompt: `Set these in CI:\n${plantedText}`, answer: `Done:\n${plantedText}` }],
  });
  await writeCodexSession(home, {
    id: fakeUuid(922),
    startedAt: '2026-11-06T10:00:00.000Z',
    cwd: repo,
    turns: [{ prompt: 'A private question. CONVX_NO_SYNC', answer: 'Sure.' }],
  });
});
afterAll(cleanupTemp);

describe('convx sync privacy', () => {
  it('redacts every family in .ai/history and leaves out the marked session', async () => {
    const result = await sync();
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as {
      written: string[];
      withdrawn: { reason: string; detail: string }[];
    };
    expect(report.written.filter((p) => p.endsWith('.md'))).toHaveLength(1);
    expect(report.withdrawn.map((w) => [w.reason, w.detail])).toEqual([
      ['skip marker', 'a prompt contains the skip marker CONVX_NO_SYNC'],
    ]);
    const outputs = (await readOutputs(repo)).filter((o) => o.file.startsWith('.ai/history/'));
    expect(outputs).toHaveLength(2);
    expect(outputs.every((o) => o.content.includes('[REDACTED:github-token]'))).toBe(true);
    expect(leaks(outputs, secretCores)).toEqual([]);
  });

  it('--no-redact works for sync too, with the warning', async () => {
    const result = await sync('--no-redact');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('warning: secret redaction is off (--no-redact)');
    const outputs = (await readOutputs(repo)).filter((o) => o.file.startsWith('.ai/history/'));
    expect(leaks(outputs, secretCores).length).toBeGreaterThan(0);
  });
});
