import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GROWTH_FLAG, HEAP_FLAG, relaunchEnv, shouldRelaunch } from '../src/heap.js';
import { cliPath } from './support/paths.js';

const argv = (...args: string[]) => ['/usr/bin/node', '/x/cli.js', ...args];

describe('shouldRelaunch', () => {
  it('restarts only a backup, where execve exists', () => {
    expect(shouldRelaunch(argv('backup', '--output-path', 'o'), [], {}, 'linux', true)).toBe(true);
    expect(shouldRelaunch(argv('--quiet', 'backup'), [], {}, 'darwin', true)).toBe(true);
    // A pre-commit hook's sync exports one project's sessions and runs on every commit: start-up time first.
    expect(shouldRelaunch(argv('--quiet', 'sync'), [], {}, 'linux', true)).toBe(false);
    expect(shouldRelaunch(argv('stats', '--output-path', 'o'), [], {}, 'linux', true)).toBe(false);
    expect(shouldRelaunch(argv('--version'), [], {}, 'linux', true)).toBe(false);
    expect(shouldRelaunch(argv('backup'), [], {}, 'win32', true)).toBe(false);
    expect(shouldRelaunch(argv('backup'), [], {}, 'linux', false)).toBe(false);
  });

  it('never restarts twice, under a debugger, or when told not to', () => {
    expect(shouldRelaunch(argv('backup'), [HEAP_FLAG], {}, 'linux', true)).toBe(false);
    expect(shouldRelaunch(argv('backup'), ['--max-semi-space-size=32'], {}, 'linux', true)).toBe(false);
    expect(
      shouldRelaunch(argv('backup'), [], { NODE_OPTIONS: '--max-semi-space-size=4' }, 'linux', true),
    ).toBe(false);
    expect(shouldRelaunch(argv('backup'), ['--inspect-brk'], {}, 'linux', true)).toBe(false);
    expect(shouldRelaunch(argv('backup'), [], { CONVX_NO_RELAUNCH: '1' }, 'linux', true)).toBe(false);
  });
});

describe('relaunchEnv', () => {
  it('asks glibc for one malloc arena, unless the user chose a number', () => {
    expect(relaunchEnv({ PATH: '/bin' })).toEqual({ PATH: '/bin', MALLOC_ARENA_MAX: '1' });
    expect(relaunchEnv({ MALLOC_ARENA_MAX: '4' })).toEqual({ MALLOC_ARENA_MAX: '4' });
  });
});

describe('the heap flags', () => {
  it('are flags this Node accepts (a removed flag would stop every backup at start)', () => {
    for (const flag of [HEAP_FLAG, GROWTH_FLAG]) {
      const run = spawnSync(process.execPath, [flag, '-e', 'process.exit(0)'], { encoding: 'utf8' });
      expect({ flag, status: run.status, stderr: run.stderr }).toEqual({ flag, status: 0, stderr: '' });
    }
    expect(process.allowedNodeEnvironmentFlags.has(HEAP_FLAG.split('=')[0] as string)).toBe(true);
  });
});

describe('convx backup', () => {
  const canExec =
    typeof (process as { execve?: unknown }).execve === 'function' && process.platform !== 'win32';
  it.runIf(canExec)('runs under the heap flag, in the same process, with the same arguments', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convx-heap-'));
    const probe = join(dir, 'probe.cjs');
    const report = join(dir, 'report.json');
    writeFileSync(
      probe,
      `process.on('exit', () => require('node:fs').appendFileSync(${JSON.stringify(report)}, JSON.stringify({ pid: process.pid, execArgv: process.execArgv, args: process.argv.slice(2), arenas: process.env.MALLOC_ARENA_MAX }) + '\\n'));`,
    );
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['--require', probe, cliPath, 'backup', '--help'], {
        encoding: 'utf8',
        env: { ...process.env, ...env },
      });
    const child = run({});
    expect(child.status).toBe(0);
    expect(child.stdout).toContain('--output-path');
    const lines = readFileSync(report, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    // One process exit (execve replaced the first image without exiting), same pid, flag added once.
    expect(lines).toHaveLength(1);
    expect(lines[0].pid).toBe(child.pid);
    expect(lines[0].execArgv).toEqual(['--require', probe, HEAP_FLAG]);
    expect(lines[0].args).toEqual(['backup', '--help']);
    expect(lines[0].arenas).toBe('1');

    writeFileSync(report, '');
    expect(run({ CONVX_NO_RELAUNCH: '1' }).status).toBe(0);
    expect(JSON.parse(readFileSync(report, 'utf8')).execArgv).toEqual(['--require', probe]);
  });
});
