// One measured search task in its own process (`node --require bench/rss.cjs bench/search-task.mjs TASK OUT`),
// so its peak memory is its own. Prints its result as JSON on stdout.
//   build    OUT          build the index from scratch (no index before)
//   update   OUT REL      after the twin REL changed: update({ changed: [REL] }), then a full check update()
//   queries  OUT ROUNDS   every benchmark query ROUNDS times, in process; per-query times
import { openIndex } from '../packages/search/dist/index.js';

const [task, out, arg] = process.argv.slice(2);

/** Queries a person might type into the benchmark corpus (its vocabulary is 80 common words: all of them match
 * most sessions, the worst case for ranking), with every kind of syntax, filter and option. */
export const QUERIES = [
  ['cache'],
  ['parser'],
  ['cache merge'],
  ['session token database'],
  ['fix parser error'],
  ['"cache merge"'],
  ['"database schema migration"'],
  ['migra*'],
  ['deploy -release'],
  ['parser OR render'],
  ['cache source:claude'],
  ['token project:project-12'],
  ['release after:2025-10-01 before:2025-11-01'],
  ['merge tool:shell'],
  ['schema role:user'],
  ['buffer', { toolOutput: false }],
  ['commit', { sort: 'newest' }],
  ['stream', { limit: 50 }],
  ['import export', { source: ['codex'], since: '2026-01-01' }],
  ['source:cursor'],
  [''],
  ['pasrer'],
  ['migraton stream'],
  ['kubernetes'],
];

const index = await openIndex(out);
try {
  if (task === 'build') {
    const started = performance.now();
    const report = await index.update();
    console.log(
      JSON.stringify({
        ms: performance.now() - started,
        report: { ...report, failed: report.failed.length },
      }),
    );
  } else if (task === 'update') {
    let started = performance.now();
    const changed = await index.update({ changed: [arg] });
    const changedMs = performance.now() - started;
    started = performance.now();
    const full = await index.update();
    console.log(
      JSON.stringify({
        changedMs,
        fullMs: performance.now() - started,
        changed,
        full: { ...full, failed: full.failed.length },
      }),
    );
  } else if (task === 'queries') {
    await index.update();
    const rounds = Number(arg) || 5;
    const times = [];
    const perQuery = {};
    for (const [query, options] of QUERIES) index.search(query, options); // warm the page cache
    for (let round = 0; round < rounds; round++) {
      for (const [query, options] of QUERIES) {
        const started = performance.now();
        const result = index.search(query, options);
        const ms = performance.now() - started;
        times.push(ms);
        const name = options ? `${query} ${JSON.stringify(options)}` : query;
        perQuery[name] = {
          ms: Math.min(perQuery[name]?.ms ?? Number.POSITIVE_INFINITY, ms),
          total: result.total,
          approximate: result.approximate,
        };
      }
    }
    console.log(JSON.stringify({ times, perQuery }));
  }
} finally {
  index.close();
}
