// The measurements of `pnpm bench`, each in a fresh process with its wall time and peak RSS: the parse floor,
// `convx backup` (cold and warm), `convx sync` in one project, and the biggest session backed up alone.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Runs `node ARGS` and returns its wall time, stdout, peak RSS and CPU time (the process and all its threads). */
export function timed(args, { cwd, env = {}, allowStatus = [0] } = {}) {
  const rssFile = join(tmpdir(), `convx-bench-rss-${process.pid}-${Date.now()}`);
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--require', join(here, 'rss.cjs'), ...args], {
    cwd,
    env: { ...process.env, ...env, CONVX_BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!allowStatus.includes(result.status)) {
    rmSync(rssFile, { force: true });
    throw new Error(
      `node ${args.slice(0, 2).join(' ')} exited ${result.status}: ${result.stderr.trim().split('\n').slice(-5).join('\n')}`,
    );
  }
  const { rss, cpu } = JSON.parse(readFileSync(rssFile, 'utf8'));
  rmSync(rssFile, { force: true });
  return { seconds, stdout: result.stdout, rss, cpu };
}

/** The parse floor of a home folder (bench/floor.mjs), in its own process. */
export function parseFloor(home) {
  const run = timed([join(here, 'floor.mjs'), home]);
  return { ...JSON.parse(run.stdout), cpu: run.cpu };
}

/** The write floor of a cold backup's output (bench/write-floor.mjs), written under `scratch`. */
export function writeFloor(output, scratch) {
  const run = timed([join(here, 'write-floor.mjs'), output, scratch]);
  return { ...JSON.parse(run.stdout), cpu: run.cpu };
}

const identity = ['--user', 'bench', '--system-name', 'bench'];

/** `convx backup` of `home` into `out` (a git repository), with the JSON report. */
export function backup(cli, home, out, sources, env) {
  const run = timed(
    [cli, 'backup', '--output-path', out, '--home', home, '--source-system', sources, ...identity, '--json'],
    { env, allowStatus: [0, 1] },
  );
  return { ...run, report: JSON.parse(run.stdout) };
}

/**
 * `convx sync --quiet`, as the pre-commit hook runs it, in a repository named like one of the corpus's 40
 * projects (`--match-name`: the corpus's sessions ran in /home/bench/code/project-N, a path this machine
 * need not have).
 */
export function sync(cli, home, repo, sources, env) {
  return timed(
    [cli, 'sync', '--quiet', '--match-name', '--home', home, '--source-system', sources, '--user', 'bench'],
    { cwd: repo, env },
  );
}

/** A fresh git repository at `path` (with a user, for git's sake). */
export function gitRepo(path) {
  execFileSync('git', ['init', '-q', path]);
}

/** A home holding only the corpus's biggest session (a hard link), to measure its memory alone. */
export function bigSessionHome(corpusDir, home, big) {
  const alone = join(corpusDir, 'big-home');
  const target = join(alone, big);
  if (!existsSync(target)) {
    mkdirSync(dirname(target), { recursive: true });
    linkSync(join(home, big), target);
  }
  return alone;
}
