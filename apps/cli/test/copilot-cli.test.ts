import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SyncReport } from '@convx/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupArgs, makeWorkspace, runCli, type Workspace } from './support/cli.js';

// The Copilot CLI source through the real command: its name on the command line, its fixtures, and a
// `COPILOT_HOME` that moves its folder.
let ws: Workspace;
beforeAll(async () => {
  ws = await makeWorkspace();
});
afterAll(() => ws.cleanup());

describe('convx backup --source-system copilot-cli', () => {
  it('exports every generation of the fixtures, and only that source', async () => {
    const result = await runCli(backupArgs(ws, '--source-system', 'copilot-cli', '--json'));
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as SyncReport;
    expect(Object.keys(report.sources)).toEqual(['copilot-cli']);
    expect(report.sources['copilot-cli']).toMatchObject({ discovered: 5, new: 4, skipped: 1, failed: 0 });
    expect(report.written).toContain(
      'history/tester/copilot-cli/box/work/payments-api/2026-03-17-1015-retry-failed-stripe-webhook-deliveries.md',
    );
  });

  it('follows COPILOT_HOME, and reads an --input-path given for it', async () => {
    // A home without ~/.copilot, and the folder moved elsewhere. (`--home` ignores the tools' variables.)
    const bareHome = join(ws.root, 'bare-home');
    await mkdir(bareHome, { recursive: true });
    const moved = join(ws.root, 'moved-copilot');
    await cp(join(ws.home, '.copilot'), moved, { recursive: true });
    const args = ['backup', '--output-path', ws.out, '--source-system', 'copilot-cli', '--json', '--dry-run'];
    const without = JSON.parse((await runCli(args, { env: { HOME: bareHome } })).stdout) as SyncReport;
    expect(without.sources['copilot-cli']?.discovered).toBe(0);
    const env = { HOME: bareHome, COPILOT_HOME: moved };
    const withHome = JSON.parse((await runCli(args, { env })).stdout) as SyncReport;
    expect(withHome.sources['copilot-cli']?.discovered).toBe(5);
    const single = await runCli(
      backupArgs(
        ws,
        '--source-system',
        'copilot-cli',
        '--input-path',
        `copilot-cli=${join(ws.home, '.copilot', 'session-state', 'b2c4d6e8-1a3b-4c5d-8e9f-0a1b2c3d4e5f')}`,
        '--json',
        '--dry-run',
      ),
    );
    expect((JSON.parse(single.stdout) as SyncReport).sources['copilot-cli']?.discovered).toBe(1);
  });
});
