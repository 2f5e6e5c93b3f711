import { readFile, writeFile } from 'node:fs/promises';
import type { OpenProblems, SourceCounts, SyncReport } from '@convx/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutputStats } from '../src/stats/aggregate.js';
import { backupArgs, makeWorkspace, runCli, type Workspace } from './support/cli.js';

// Over the bundled fixtures (every source, a corrupt Cursor workspace database, an empty Codex session,
// malformed lines in five sessions): the counts add up, every skip is explained, and warnings stay listed
// after the run that found them.

let ws: Workspace;
beforeAll(async () => {
  ws = await makeWorkspace();
});
afterAll(() => ws.cleanup());

function expectAddsUp(report: SyncReport) {
  for (const [source, c] of Object.entries(report.sources)) {
    expect(c.discovered, source).toBe(c.new + c.updated + c.unchanged + c.skipped + c.failed);
    expect(
      report.failures.filter((f) => f.source === source),
      source,
    ).toHaveLength(c.failed);
    expect(
      report.skipped.filter((s) => s.source === source),
      source,
    ).toHaveLength(c.skipped);
  }
}

/** The summary table's rows, parsed back into counts. */
function tableRows(stdout: string): Record<string, SourceCounts> {
  const rows: Record<string, SourceCounts> = {};
  for (const line of stdout.split('\n')) {
    const cells = line.trim().split(/\s+/);
    if (cells.length !== 7 || cells[0] === 'source') continue;
    const [name = '', ...numbers] = cells;
    if (!numbers.every((n) => /^[\d,]+$/.test(n))) continue;
    const n = (i: number) => Number(numbers[i]?.replace(/,/g, '') ?? Number.NaN);
    rows[name] = { discovered: n(0), new: n(1), updated: n(2), unchanged: n(3), skipped: n(4), failed: n(5) };
  }
  return rows;
}

describe('the report of a backup', () => {
  it('adds up per source and counts every listed failure, on a first and a second run', async () => {
    const first = await runCli(backupArgs(ws, '--json'));
    expect(first.code).toBe(1);
    const report = JSON.parse(first.stdout) as SyncReport;
    expectAddsUp(report);
    // The corrupt workspace database is a discovered entry that failed, listed once.
    expect(report.sources.cursor).toMatchObject({ failed: 1, skipped: 0 });
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]?.path).toMatch(/workspaceStorage\/[0-9a-f]+\/state\.vscdb$/);

    const second = await runCli(backupArgs(ws));
    const rows = tableRows(second.stdout);
    expect(Object.keys(rows).sort()).toEqual([
      'claude',
      'cline',
      'codex',
      'continue',
      'copilot-cli',
      'copilot-vscode',
      'crush',
      'cursor',
      'gemini',
      'kilo',
      'opencode',
      'qwen',
      'roo',
      'total',
    ]);
    for (const [name, c] of Object.entries(rows))
      expect(c.discovered, name).toBe(c.new + c.updated + c.unchanged + c.skipped + c.failed);
    expect(rows.cursor?.failed).toBe(1);
    expect(second.stdout.match(/ ✗ /g)).toHaveLength(rows.total?.failed ?? -1);
  });

  it('explains every skip: its reason in --json, counted by reason, and listed with --verbose', async () => {
    const json = JSON.parse((await runCli(backupArgs(ws, '--json'))).stdout) as SyncReport;
    // The fixtures' empty chats: one Codex session, a Copilot CLI folder with no events, and two Copilot
    // chats (one in a state.vscdb).
    expect(json.skipped).toEqual([
      { source: 'codex', key: expect.stringMatching(/^codex:/), path: expect.any(String), reason: 'empty' },
      {
        source: 'copilot-cli',
        key: expect.stringMatching(/^copilot-cli:/),
        path: expect.stringMatching(/workspace\.yaml$/),
        reason: 'no conversation recorded',
      },
      ...['e0e1e2e3-e4e5-4e6e-8e7e-8e9eaebecede', 'f2a4c6e8-0b1d-4f3a-9c5e-7b9d1f3a5c7e'].map((id) => ({
        source: 'copilot-vscode',
        key: `copilot-vscode:${id}`,
        path: expect.any(String),
        reason: 'empty',
      })),
    ]);
    const plain = await runCli(backupArgs(ws));
    expect(plain.stdout).toContain(
      'Skipped 4 sessions: 3 empty, 1 no conversation recorded; --verbose lists them.',
    );
    const verbose = await runCli(backupArgs(ws, '--verbose'));
    expect(verbose.stdout).toContain(
      `Skipped 4 sessions:\n  empty (3):\n    codex  ${json.skipped[0]?.path}\n    copilot-vscode  ${json.skipped[2]?.path}\n`,
    );
    expect(verbose.stdout).toContain(
      `  no conversation recorded (1):\n    copilot-cli  ${json.skipped[1]?.path}\n`,
    );
  });
});

describe('open warnings and failures', () => {
  it('stay listed by later runs and convx stats until the session is exported cleanly', async () => {
    const fresh = await makeWorkspace();
    try {
      const first = JSON.parse((await runCli(backupArgs(fresh, '--json'))).stdout) as SyncReport;
      expect(new Set(first.warnings.map((w) => w.source))).toEqual(
        new Set(['codex', 'claude', 'cursor', 'gemini', 'opencode', 'copilot-vscode']),
      );
      const codexWarning = first.warnings.find((w) => w.source === 'codex');
      if (!codexWarning) throw new Error('the fixtures have a Codex session with malformed lines');

      // Nothing changed: this run warns about nothing new, yet the open warnings are still there.
      const second = await runCli(backupArgs(fresh));
      expect(second.stdout).toContain(
        '6 sessions still have warnings from earlier runs; --verbose lists them.',
      );
      const verbose = await runCli(backupArgs(fresh, '--verbose'));
      expect(verbose.stdout).toContain('6 warnings still open from earlier runs:');
      expect(verbose.stdout).toContain(`  codex  ${codexWarning.path}: ${codexWarning.message} (since `);

      const stats = await runCli(['stats', '--output-path', fresh.out]);
      expect(stats.stdout).toContain('Open: 1 failure, 6 warnings in 6 sessions');
      expect(stats.stdout).toContain(`  ! codex  ${codexWarning.path}: ${codexWarning.message} (since `);
      const statsJson = JSON.parse(
        (await runCli(['stats', '--output-path', fresh.out, '--json'])).stdout,
      ) as OutputStats & { open: OpenProblems };
      expect(statsJson.open.warnings).toHaveLength(6);
      expect(statsJson.open.failures.map((f) => f.source)).toEqual(['cursor']);

      // Without its malformed lines the session is exported cleanly, which closes its warning.
      const text = await readFile(codexWarning.path, 'utf8');
      const valid = text.split('\n').filter((line) => {
        try {
          JSON.parse(line);
          return true;
        } catch {
          return false;
        }
      });
      await writeFile(codexWarning.path, `${valid.join('\n')}\n`);
      const third = JSON.parse((await runCli(backupArgs(fresh, '--json'))).stdout) as SyncReport;
      expect(third.totals.updated).toBe(1);
      expect(third.open.warnings.map((w) => w.source).sort()).toEqual([
        'claude',
        'copilot-vscode',
        'cursor',
        'gemini',
        'opencode',
      ]);
      const after = await runCli(['stats', '--output-path', fresh.out]);
      expect(after.stdout).toContain('Open: 1 failure, 5 warnings in 5 sessions');
      expect(after.stdout).not.toContain(codexWarning.path);
    } finally {
      await fresh.cleanup();
    }
  });
});
