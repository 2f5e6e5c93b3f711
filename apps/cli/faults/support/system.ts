import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliResult, cliEnv } from '../../test/support/cli.js';
import { cliPath } from '../../test/support/paths.js';

const isRoot = process.getuid?.() === 0;

function works(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whether this machine lets the tests mount a small tmpfs (root, with the right to mount). */
export const canMountTmpfs: boolean = (() => {
  if (!isRoot || process.platform !== 'linux') return false;
  const dir = mkdtempSync(join(tmpdir(), 'convx-mount-probe-'));
  try {
    if (!works('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir])) return false;
    return works('umount', [dir]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();

export const mountTmpfs = (dir: string, size: string) =>
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
export const resizeTmpfs = (dir: string, size: string) =>
  execFileSync('mount', ['-o', `remount,size=${size}`, dir]);
export const unmount = (dir: string) => execFileSync('umount', ['-l', dir]);

// Root reads anything whatever its mode; without these two capabilities it reads as its permissions say.
const DROP = '-dac_override,-dac_read_search';
const canDropCapabilities =
  isRoot &&
  process.platform === 'linux' &&
  works('setpriv', [`--inh-caps=${DROP}`, `--bounding-set=${DROP}`, 'true']);

/**
 * The command that runs the CLI as a user that `chmod 000` keeps out: this user when it is not root, root
 * without its file-permission capabilities (setpriv), or undefined when neither is possible.
 */
export const unprivilegedCommand: string[] | undefined = !isRoot
  ? [process.execPath]
  : canDropCapabilities
    ? ['setpriv', `--inh-caps=${DROP}`, `--bounding-set=${DROP}`, process.execPath]
    : undefined;

/** A running CLI process, to be killed or waited for. */
export interface RunningCli {
  child: ChildProcess;
  done: Promise<CliResult>;
}

/** Starts `convx …args` (optionally through `prefix`, e.g. the unprivileged command). */
export function startCli(args: string[], prefix: string[] = [process.execPath]): RunningCli {
  const [command = process.execPath, ...rest] = prefix;
  const child = spawn(command, [...rest, cliPath, ...args], {
    env: cliEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export const runCliAs = (prefix: string[], args: string[]) => startCli(args, prefix).done;
