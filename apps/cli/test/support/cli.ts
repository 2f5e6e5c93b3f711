import { execFile, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { cliPath, fixturesHome } from './paths.js';

const exec = promisify(execFile);

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The environment for the CLI under test: no colors, and none of the real tools' location variables (unless given). */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', TZ: 'UTC', ...extra };
  for (const name of [
    'CODEX_HOME',
    'CLAUDE_CONFIG_DIR',
    'COPILOT_HOME',
    'XDG_DATA_HOME',
    'XDG_CONFIG_HOME',
    'XDG_STATE_HOME',
    'FORCE_COLOR',
  ]) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

/** Runs `node dist/cli.js …args` and collects its output. Never rejects on a non-zero exit. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  return new Promise<CliResult>((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: cliEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export interface Workspace {
  root: string;
  /** A copy of fixtures/home (tests may change it). */
  home: string;
  /** An empty git repository for the output. */
  out: string;
  cleanup(): Promise<void>;
}

export async function gitInit(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await exec('git', ['init', '--quiet', dir]);
}

/** A temp folder with a copy of fixtures/home and an empty git repository for the output. */
export async function makeWorkspace(options: { copyFixtures?: boolean } = {}): Promise<Workspace> {
  const root = await mkdtemp(join(tmpdir(), 'convx-cli-'));
  const home = join(root, 'home');
  const out = join(root, 'out');
  if (options.copyFixtures !== false) await cp(fixturesHome, home, { recursive: true });
  await mkdir(home, { recursive: true });
  await gitInit(out);
  return { root, home, out, cleanup: () => rm(root, { recursive: true, force: true }) };
}

export const backupArgs = (ws: Pick<Workspace, 'home' | 'out'>, ...extra: string[]) => [
  'backup',
  '--output-path',
  ws.out,
  '--home',
  ws.home,
  '--user',
  'tester',
  '--system-name',
  'box',
  ...extra,
];

const toPosix = (p: string) => p.split(sep).join('/');

/** Every file below `dir` (relative, `/`-separated), leaving out `.git` and the git-ignored `.convx/state`. */
export async function listOutputFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => toPosix(relative(dir, join(e.parentPath, e.name))))
    .filter((p) => !p.startsWith('.git/') && !p.startsWith('.convx/state/'))
    .sort();
}

/** Path → mtime of every output file. */
export async function snapshotMtimes(dir: string): Promise<Map<string, number>> {
  const map = new Map<string, number>();
  for (const file of await listOutputFiles(dir)) map.set(file, (await stat(join(dir, file))).mtimeMs);
  return map;
}

/** Path → content of every output file. */
export async function snapshotContents(dir: string): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const file of await listOutputFiles(dir)) map.set(file, await readFile(join(dir, file), 'utf8'));
  return map;
}
