import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GROWTH_FLAG, isHeavyCommand, YOUNG_GROWTH_FLAG } from '../src/heap.js';
import { cliPath } from './support/paths.js';

const argv = (...args: string[]) => ['/usr/bin/node', '/x/cli.js', ...args];

describe('isHeavyCommand', () => {
  it('is true for a backup only', () => {
    expect(isHeavyCommand(argv('backup', '--output-path', 'o'))).toBe(true);
    expect(isHeavyCommand(argv('--quiet', 'backup'))).toBe(true);
    // A pre-commit hook's sync exports one project's sessions and runs on every commit.
    expect(isHeavyCommand(argv('--quiet', 'sync'))).toBe(false);
    expect(isHeavyCommand(argv('stats', '--output-path', 'o'))).toBe(false);
    expect(isHeavyCommand(argv('--version'))).toBe(false);
  });
});

describe('the heap flags', () => {
  it('are V8 flags this Node knows (an unknown one would silently bound nothing)', () => {
    const options = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
    for (const flag of [YOUNG_GROWTH_FLAG, GROWTH_FLAG])
      expect(options).toContain(`  ${flag.split('=')[0] as string} (`);
  });
});

/**
 * Runs `convx ARGS --help` under a preload that records, at exit, the process id, its command-line flags and
 * the V8 flags the program set (`v8.setFlagsFromString`, wrapped before the program imports it).
 */
function probe(args: string[]): {
  pid: number;
  childPid: number | undefined;
  execArgv: string[];
  flags: string[];
} {
  const dir = mkdtempSync(join(tmpdir(), 'convx-heap-'));
  const preload = join(dir, 'probe.cjs');
  writeFileSync(
    preload,
    [
      "const v8 = require('node:v8');",
      'const flags = [];',
      'const set = v8.setFlagsFromString;',
      'v8.setFlagsFromString = (flag) => { flags.push(flag); return set(flag); };',
      "process.on('exit', () => process.stderr.write('\\nPROBE' + JSON.stringify({ pid: process.pid, execArgv: process.execArgv, flags })));",
    ].join('\n'),
  );
  const child = spawnSync(process.execPath, ['--require', preload, cliPath, ...args, '--help'], {
    encoding: 'utf8',
  });
  expect(child.status, child.stderr).toBe(0);
  expect(child.stdout).toContain(`convx ${args[0]}`);
  return { ...JSON.parse(child.stderr.split('\nPROBE')[1] as string), childPid: child.pid };
}

describe('convx backup', () => {
  it('bounds the heap in its own process, without a restart or a command-line flag', () => {
    const backup = probe(['backup']);
    expect(backup.pid).toBe(backup.childPid);
    expect(backup.execArgv).toEqual(['--require', expect.stringContaining('probe.cjs')]);
    expect(backup.flags).toEqual([YOUNG_GROWTH_FLAG, GROWTH_FLAG]);
    expect(probe(['sync']).flags).toEqual([]);
  });
});
