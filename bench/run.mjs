// `pnpm bench`: backs up a deterministic synthetic corpus with the built CLI and reports cold throughput
// (MB/s of source, sessions/s), the warm no-op time and peak RSS, then the search index on that output (build,
// update, queries, `convx search`, size; bench/search.mjs), against the targets in docs/performance.md.
// Options: --corpus DIR (default bench/.corpus), --sources codex,claude,… (default: all built-in),
// --check (exit 1 when a target is missed), --keep (keep the output folder), --repeat N (cold and warm runs
// each N times, fresh output for every cold run; best and median reported, since a shared VM is noisy),
// --no-search (skip the search measurements).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureCorpus } from './corpus.mjs';
import { benchSearch } from './search.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: join(here, '.corpus') },
    sources: { type: 'string', default: 'all' },
    check: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    repeat: { type: 'string', default: '3' },
    search: { type: 'boolean', default: true },
  },
  allowNegative: true,
});
const repeat = Math.max(1, Number(values.repeat) || 1);
const TARGETS = {
  coldMBps: 100,
  warmSeconds: 0.5,
  peakRssMB: 200,
  /** The search index: built in at most this share of the best cold backup's time. */
  searchBuildVsCold: 0.5,
  searchUpdateMs: 200,
  searchQueryP95Ms: 50,
  searchCliSeconds: 0.3,
  /** An aim, reported: the index's size as a share of the twins'. */
  searchIndexVsTwins: 0.5,
};

const home = await ensureCorpus(values.corpus, (m) => console.error(m));
const files = [];
for (const entry of await readdir(home, { recursive: true, withFileTypes: true })) {
  if (entry.isFile()) files.push((await stat(join(entry.parentPath, entry.name))).size);
}
const sourceBytes = files.reduce((sum, size) => sum + size, 0);
const biggest = Math.max(0, ...files);

async function backup(out) {
  const rssFile = join(out, '..', `rss-${Date.now()}`);
  const started = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    [
      '--require',
      join(here, 'rss.cjs'),
      join(repo, 'apps/cli/dist/cli.js'),
      'backup',
      '--output-path',
      out,
      '--home',
      home,
      '--source-system',
      values.sources,
      '--user',
      'bench',
      '--system-name',
      'bench',
      '--json',
    ],
    {
      env: { ...process.env, CONVX_BENCH_RSS_FILE: rssFile },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(
      `convx backup exited ${result.status}: ${result.stderr.trim().split('\n').slice(-5).join('\n')}`,
    );
  }
  const report = JSON.parse(result.stdout);
  const rss = Number(await readFile(rssFile, 'utf8'));
  await rm(rssFile, { force: true });
  return { seconds, report, rss };
}

const work = await mkdtemp(join(tmpdir(), 'convx-bench-'));
console.error(
  `corpus: ${files.length} files, ${(sourceBytes / 1e6).toFixed(0)} MB (largest ${(biggest / 1e6).toFixed(0)} MB); backing up ${repeat}× cold, ${repeat}× warm…`,
);
const colds = [];
let out;
// Outputs are only deleted at the end: on filesystems mounted with online discard, deleting thousands of
// files queues work that lands on the next run's fsyncs and would be measured as convx's time.
for (let i = 0; i < repeat; i++) {
  out = join(work, `out-${i}`);
  execFileSync('git', ['init', '-q', out]);
  colds.push(await backup(out));
}
const warms = [];
for (let i = 0; i < repeat; i++) warms.push(await backup(out));
const byTime = (a, b) => a.seconds - b.seconds;
const best = (runs) => [...runs].sort(byTime)[0];
const median = (runs) => [...runs].sort(byTime)[Math.floor((runs.length - 1) / 2)];
const cold = best(colds);
const warm = best(warms);
const sessions = cold.report.totals.discovered;
const mbps = (run) => +(sourceBytes / 1e6 / run.seconds).toFixed(1);
const results = {
  sessions,
  sourceMB: +(sourceBytes / 1e6).toFixed(1),
  largestSessionMB: +(biggest / 1e6).toFixed(1),
  runs: repeat,
  cold: {
    seconds: +cold.seconds.toFixed(2),
    medianSeconds: +median(colds).seconds.toFixed(2),
    MBps: mbps(cold),
    medianMBps: mbps(median(colds)),
    sessionsPerSecond: Math.round(sessions / cold.seconds),
    peakRssMB: Math.round(Math.max(...colds.map((r) => r.rss)) / 1e6),
    failed: cold.report.totals.failed,
  },
  warm: {
    seconds: +warm.seconds.toFixed(3),
    medianSeconds: +median(warms).seconds.toFixed(3),
    unchanged: warm.report.totals.unchanged,
    written: Math.max(...warms.map((r) => r.report.written.length)),
    peakRssMB: Math.round(Math.max(...warms.map((r) => r.rss)) / 1e6),
  },
};
const verdict = {
  coldThroughput: results.cold.MBps >= TARGETS.coldMBps,
  warmNoop: results.warm.seconds <= TARGETS.warmSeconds,
  peakRss: Math.max(results.cold.peakRssMB, results.warm.peakRssMB) <= TARGETS.peakRssMB,
};
if (values.search) {
  console.error('search: building the index 3× on the last output, updating, querying…');
  const search = benchSearch(out, { repeat: Math.min(repeat, 3) });
  results.search = { ...search, buildVsCold: +(search.build.seconds / results.cold.seconds).toFixed(2) };
  Object.assign(verdict, {
    searchBuild: results.search.buildVsCold <= TARGETS.searchBuildVsCold,
    searchUpdate: search.updateOneSession.fullCheckMs <= TARGETS.searchUpdateMs,
    searchQueryP95: search.queryMs.p95 <= TARGETS.searchQueryP95Ms,
    searchCli: search.cliSeconds.median <= TARGETS.searchCliSeconds,
  });
}
console.log(JSON.stringify({ node: process.version, results, targets: TARGETS, met: verdict }, null, 2));
if (!values.keep) await rm(work, { recursive: true, force: true });
else console.error(`output kept in ${out}`);
if (values.check && Object.values(verdict).includes(false)) process.exit(1);
