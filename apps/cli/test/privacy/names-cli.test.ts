import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readIndex, type SyncReport } from '@convx/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupArgs, listOutputFiles, makeWorkspace, runCli, type Workspace } from '../support/cli.js';
import { planted, writeClaudeSession } from './sessions.js';

const exec = promisify(execFile);

// A token in a cwd, a session id, a git branch and a subagent id, a client name in the machine name: none
// may reach a folder or file name, the front matter, the twin, the index or the commit message.
const token = planted.find((p) => p.ruleId === 'github-token')?.secrets[0] ?? '';
const sessionId = `import-${token}`;
let ws: Workspace;
let report: SyncReport;

beforeAll(async () => {
  ws = await makeWorkspace({ copyFixtures: false });
  await mkdir(join(ws.out, '.convx'), { recursive: true });
  await writeFile(join(ws.out, '.convx/config.toml'), 'sanitize_keywords = ["globex"]\n');
  await writeClaudeSession(ws.home, {
    sessionId,
    cwd: `${ws.home}/code/deploy-${token}/api`,
    gitBranch: `fix/${token}`,
    startedAt: '2026-11-04T09:00:00.000Z',
    prompt: 'Why does the deploy fail?',
    answer: 'The token expired.',
    subagent: { id: token, prompt: 'Check the settings', answer: 'Checked.' },
  });
  const result = await runCli([
    ...backupArgs(ws, '--json', '--commit').map((a) => (a === 'box' ? 'globex-box' : a)),
  ]);
  expect(result.stderr).toBe('');
  report = JSON.parse(result.stdout) as SyncReport;
});
afterAll(() => ws.cleanup());

describe('secrets in names', () => {
  it('names folders redacted-<rule> and keeps every name of the output free of the secret', async () => {
    expect(token).toMatch(/^gh/);
    expect(report.failures).toEqual([]);
    const files = await listOutputFiles(ws.out);
    const transcript = files.find((f) => f.endsWith('.md') && !f.includes('/agent-'));
    expect(transcript).toMatch(
      /^history\/tester\/claude\/redacted-keyword\/code\/redacted-github-token\/api\/2026-11-04-0900-why-does-the-deploy-fail\.md$/,
    );
    expect(files.filter((f) => f.includes(token) || f.includes('globex'))).toEqual([]);
    expect(files.some((f) => /\/agent-redacted-github-token-[0-9a-f]{12}\.md$/.test(f))).toBe(true);
  });

  it('redacts the session id, key, cwd, branch and source paths in the front matter and the twin', async () => {
    const files = await listOutputFiles(ws.out);
    for (const file of files) {
      const content = await readFile(join(ws.out, file), 'utf8');
      expect(content.includes(token) ? file : '').toBe('');
    }
    const twinFile = files.find((f) => /\/\.[^/]+\.json$/.test(f)) ?? '';
    const twin = JSON.parse(await readFile(join(ws.out, twinFile), 'utf8'));
    expect(twin.sessionId).toMatch(/^redacted-github-token-[0-9a-f]{12}$/);
    expect(twin.key).toBe(`claude:${twin.sessionId}`);
    expect(twin.cwd).toBe(`${ws.home}/code/redacted-github-token/api`);
    expect(twin.gitBranch).toBe('fix/[REDACTED:github-token]');
    expect(twin.children[0].agent.id).toMatch(/^redacted-github-token-[0-9a-f]{12}$/);
    const md = await readFile(join(ws.out, files.find((f) => f.endsWith('.md')) ?? ''), 'utf8');
    expect(md).toContain(`session_id: "${twin.sessionId}"`);
    expect(md).toContain('git_branch: "fix/[REDACTED:github-token]"');
  });

  it('keeps the secret out of the index and the commit message, and finds the session again next run', async () => {
    const index = await readFile(join(ws.out, '.convx/state/index.jsonl'), 'utf8');
    expect(index).not.toContain(token);
    expect(index).not.toContain('globex');
    expect(Object.keys((await readIndex(ws.out)).sessions)).toEqual([
      expect.stringMatching(/^claude:redacted-github-token-[0-9a-f]{12}$/),
    ]);
    const { stdout: log } = await exec('git', ['-C', ws.out, 'log', '--format=%B']);
    expect(log).toContain('convx: 1 new session (redacted-keyword)');
    const again = await runCli(backupArgs(ws, '--json').map((a) => (a === 'box' ? 'globex-box' : a)));
    const second = JSON.parse(again.stdout) as SyncReport;
    expect(second.totals).toMatchObject({ unchanged: 1, new: 0, updated: 0 });
    expect(second.written).toEqual([]);
  });
});
