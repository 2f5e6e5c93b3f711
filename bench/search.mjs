// The search part of `pnpm bench`: on the output of the cold backups (12,000 sessions), builds the search
// index from scratch, updates it after one session changed, times the benchmark queries in process and
// `convx search` end to end, and compares the index's size with the twins'. Each task runs in its own process
// (bench/search-task.mjs) with its peak memory measured.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { timed } from './measure.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const cli = join(repo, 'apps/cli/dist/cli.js');
const dbPath = (out) => join(out, '.convx/state/search.db');

function run(args) {
  return timed(args, { cwd: repo });
}

/** The twins below the output's history folder, with their sizes. */
function twins(out) {
  const found = [];
  const visit = (dir, rel) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) visit(join(dir, entry.name), `${rel}${entry.name}/`);
      else if (entry.name.startsWith('.') && entry.name.endsWith('.json')) {
        found.push({ rel: `${rel}${entry.name}`, size: statSync(join(dir, entry.name)).size });
      }
    }
  };
  visit(join(out, 'history'), 'history/');
  return found;
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

export function benchSearch(out, { repeat = 3 } = {}) {
  const all = twins(out);
  const twinBytes = all.reduce((sum, t) => sum + t.size, 0);
  const builds = [];
  for (let i = 0; i < repeat; i++) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath(out) + suffix, { force: true });
    const { seconds, stdout, rss } = run([join(here, 'search-task.mjs'), 'build', out], 'search index build');
    builds.push({ seconds, rss, ...JSON.parse(stdout) });
  }
  const build = [...builds].sort((a, b) => a.seconds - b.seconds)[0];
  const indexBytes = statSync(dbPath(out)).size;

  // One ordinary session changes (the median-sized twin; a word of one message replaced, as a resumed
  // session's re-export would): the index brought up to date from the run's changed list, then by a full check.
  const typical = [...all].sort((a, b) => a.size - b.size)[Math.floor(all.length / 2)];
  const updates = [];
  for (let i = 0; i < repeat; i++) {
    const path = join(out, typical.rel);
    const text = readFileSync(path, 'utf8');
    writeFileSync(
      path,
      text.replace(/"text":"([a-z]+)/, (_, w) => `"text":"${i % 2 ? w.toUpperCase() : w.toLowerCase()}x`),
    );
    const { stdout, rss } = run(
      [join(here, 'search-task.mjs'), 'update', out, typical.rel],
      'search index update',
    );
    updates.push({ rss, ...JSON.parse(stdout) });
  }
  const changedMs = Math.min(...updates.map((u) => u.changedMs));
  const fullMs = Math.min(...updates.map((u) => u.fullMs));

  const queries = JSON.parse(
    run([join(here, 'search-task.mjs'), 'queries', out, '5'], 'search queries').stdout,
  );

  // `convx search` as a person runs it: a new process, the freshness check, one query, the output printed.
  const cliRuns = [];
  for (const query of [
    'cache merge',
    'fix parser error',
    '"database schema migration"',
    'token source:claude',
  ]) {
    for (let i = 0; i < 3; i++)
      cliRuns.push(run([cli, 'search', '--output-path', out, query], 'convx search').seconds);
  }
  return {
    twins: all.length,
    twinsMB: +(twinBytes / 1e6).toFixed(1),
    build: {
      seconds: +build.seconds.toFixed(2),
      medianSeconds: +percentile(
        builds.map((b) => b.seconds),
        50,
      ).toFixed(2),
      peakRssMB: Math.round(Math.max(...builds.map((b) => b.rss)) / 1e6),
      added: build.report.added,
      failed: build.report.failed,
    },
    indexMB: +(indexBytes / 1e6).toFixed(1),
    indexVsTwins: +(indexBytes / twinBytes).toFixed(2),
    updateOneSession: {
      changedListMs: Math.round(changedMs),
      fullCheckMs: Math.round(fullMs),
      twinKB: Math.round(typical.size / 1024),
    },
    queryMs: {
      p50: +percentile(queries.times, 50).toFixed(1),
      p95: +percentile(queries.times, 95).toFixed(1),
      max: +Math.max(...queries.times).toFixed(1),
      count: queries.times.length,
      slowest: Object.entries(queries.perQuery)
        .sort((a, b) => b[1].ms - a[1].ms)
        .slice(0, 3)
        .map(([query, { ms }]) => `${query}: ${ms.toFixed(1)} ms`),
    },
    cliSeconds: { median: +percentile(cliRuns, 50).toFixed(3), p95: +percentile(cliRuns, 95).toFixed(3) },
  };
}
