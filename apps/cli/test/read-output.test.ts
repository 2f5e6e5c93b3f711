import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutputStats } from '../src/stats/aggregate.js';
import { backupArgs, gitInit, makeWorkspace, runCli, type Workspace } from './support/cli.js';
import { fakeUuid, writeCodexSession } from './support/codex-fixture.js';

// stats, config and scan (and search and explore) find the output the same way: --output-path, else the
// repository you are in when it holds a convx history, else $CONVX_OUTPUT_PATH or the user config's
// output_path, else one sentence saying how to name one.
describe('the output a reading command uses', () => {
  let ws: Workspace;
  let elsewhere: string;
  const sessions = async (args: string[], options: Parameters<typeof runCli>[1] = {}) => {
    const result = await runCli(['stats', '--json', ...args], options);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return (JSON.parse(result.stdout) as OutputStats).sessions;
  };
  beforeAll(async () => {
    ws = await makeWorkspace({ copyFixtures: false });
    await writeCodexSession(ws.home, {
      id: fakeUuid(901),
      startedAt: '2026-05-01T09:00:00.000Z',
      cwd: join(ws.home, 'code/api'),
      turns: [{ prompt: 'Add a health check', answer: 'Added /healthz.' }],
    });
    expect((await runCli(backupArgs(ws, '--quiet'))).code).toBe(0);
    elsewhere = join(ws.root, 'elsewhere');
    await gitInit(elsewhere);
  });
  afterAll(() => ws.cleanup());

  it('is the repository around the current folder when it holds a history', async () => {
    await mkdir(join(ws.out, 'history/tester/codex'), { recursive: true });
    expect(await sessions([], { cwd: join(ws.out, 'history/tester/codex') })).toBe(1);
  });

  it('is $CONVX_OUTPUT_PATH, then the user config, outside such a repository', async () => {
    expect(await sessions([], { cwd: elsewhere, env: { CONVX_OUTPUT_PATH: ws.out } })).toBe(1);
    const home = join(ws.root, 'user-home');
    await mkdir(join(home, '.config/convx'), { recursive: true });
    await writeFile(join(home, '.config/convx/config.toml'), `output_path = ${JSON.stringify(ws.out)}\n`);
    expect(await sessions([], { cwd: elsewhere, env: { HOME: home } })).toBe(1);
    // The flag still wins: an empty repository has no sessions.
    expect(await sessions(['--output-path', elsewhere], { cwd: elsewhere, env: { HOME: home } })).toBe(0);
  });

  it('is a usage error naming every way to give one when nothing names it', async () => {
    const result = await runCli(['stats'], { cwd: elsewhere, env: { HOME: ws.root } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('convx stats needs a history to read: pass --output-path DIR');
    expect(result.stderr).toContain('CONVX_OUTPUT_PATH');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const missing = await runCli(['stats'], {
      cwd: elsewhere,
      env: { CONVX_OUTPUT_PATH: join(ws.root, 'nope') },
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      `The output folder ${join(ws.root, 'nope')} does not exist; check CONVX_OUTPUT_PATH.`,
    );
  });

  it('is where convx backup writes when it is given no --output-path', async () => {
    const target = join(ws.root, 'configured');
    await gitInit(target);
    const result = await runCli(
      ['backup', '--home', ws.home, '--user', 'tester', '--system-name', 'box', '--quiet'],
      { cwd: elsewhere, env: { CONVX_OUTPUT_PATH: target } },
    );
    expect(result.code).toBe(0);
    expect(await sessions(['--output-path', target])).toBe(1);
  });

  it('is what --help says --output-path defaults to, for every command that reads or writes a history', async () => {
    for (const command of ['stats', 'config', 'scan', 'backup']) {
      const help = await runCli([command, '--help']);
      const line = help.stdout.split('\n').find((l) => l.includes('--output-path <dir>')) ?? '';
      expect(line, command).toContain('$CONVX_OUTPUT_PATH or output_path in ~/.config/convx/config.toml');
    }
  });
});
