import { access, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SyncReport } from '@convx/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupArgs, listOutputFiles, makeWorkspace, runCli, type Workspace } from '../support/cli.js';
import { planted, writeClaudeSession } from './sessions.js';

// A history exported with --no-redact: a token in a project folder, a session id, a subagent file name.
// `convx scan` must report the names (masked), and `--fix` rename them, keep every link working, and leave
// twins a later run recognizes.
const token = planted.find((p) => p.ruleId === 'github-token')?.secrets[0] ?? '';
let ws: Workspace;

/** Every relative link in the Markdown files that points at a file that is not there. */
async function brokenLinks(out: string): Promise<string[]> {
  const broken: string[] = [];
  for (const file of (await listOutputFiles(out)).filter((f) => f.endsWith('.md'))) {
    const text = await readFile(join(out, file), 'utf8');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (!target || /^[a-z]+:/i.test(target)) continue;
      const path = join(out, dirname(file), decodeURIComponent(target));
      if (
        !(await access(path).then(
          () => true,
          () => false,
        ))
      )
        broken.push(`${file} → ${target}`);
    }
  }
  return broken;
}

beforeAll(async () => {
  ws = await makeWorkspace({ copyFixtures: false });
  await writeClaudeSession(ws.home, {
    sessionId: `import-${token}`,
    cwd: `${ws.home}/code/deploy-${token}`,
    startedAt: '2026-11-04T09:00:00.000Z',
    prompt: 'Why does the deploy fail?',
    answer: 'The token expired.',
    subagent: { id: token, prompt: 'Check the settings', answer: 'Checked.' },
  });
  const run = await runCli(backupArgs(ws, '--no-redact'));
  expect(run.code).toBe(0);
});
afterAll(() => ws.cleanup());

describe('convx scan on names', () => {
  it('reports every file and folder name holding a secret, masked, and exits 1', async () => {
    const files = await listOutputFiles(ws.out);
    expect(files.some((f) => f.includes(token))).toBe(true);
    const result = await runCli(['scan', '--output-path', ws.out, '--json']);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain(token);
    const report = JSON.parse(result.stdout) as {
      names: Array<{ path: string; ruleId: string; kind: string }>;
    };
    expect(report.names).toEqual(
      expect.arrayContaining([
        {
          path: `history/tester/claude/box/code/deploy-${token.slice(0, 4)}…${token.slice(-4)}`,
          ruleId: 'github-token',
          kind: 'folder',
        },
        expect.objectContaining({ kind: 'file', path: expect.stringMatching(/\/agent-gh\w_…\w{4}\.md$/) }),
      ]),
    );
    const text = await runCli(['scan', '--output-path', ws.out]);
    expect(text.stdout).toContain('github-token  in its name');
    expect(text.stdout).not.toContain(token);
  });

  it('--fix renames them, keeps every link working, and a later run finds the same sessions again', async () => {
    const fixed = await runCli(['scan', '--output-path', ws.out, '--fix']);
    expect(fixed.stdout).not.toContain(token);
    expect(fixed.stdout).toContain('→ history/tester/claude/box/code/redacted-github-token');
    expect(fixed.code).toBe(0);
    const files = await listOutputFiles(ws.out);
    expect(files.filter((f) => f.includes(token))).toEqual([]);
    for (const file of files) expect(await readFile(join(ws.out, file), 'utf8')).not.toContain(token);
    expect(await brokenLinks(ws.out)).toEqual([]);
    const twinFile = files.find((f) => /\/\.[^/]+\.json$/.test(f)) ?? '';
    const twin = JSON.parse(await readFile(join(ws.out, twinFile), 'utf8'));
    expect(twin.key).toMatch(/^claude:redacted-github-token-[0-9a-f]{12}$/);
    // The index is rebuilt from the twins: the next run updates the session in place instead of adding it.
    await expect(access(join(ws.out, '.convx/state/index.jsonl'))).rejects.toThrow();
    const again = await runCli(backupArgs(ws, '--json'));
    const report = JSON.parse(again.stdout) as SyncReport;
    expect(report.totals).toMatchObject({ new: 0, updated: 1, failed: 0 });
    const after = await listOutputFiles(ws.out);
    expect(after.filter((f) => f.endsWith('.json') && f.startsWith('history/'))).toHaveLength(1);
    expect(after.filter((f) => f.includes(token))).toEqual([]);
    expect(await brokenLinks(ws.out)).toEqual([]);
    expect((await runCli(['scan', '--output-path', ws.out])).code).toBe(0);
  });
});
