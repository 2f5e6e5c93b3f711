// Preloaded into the measured process (`node --require bench/rss.cjs`): on exit, writes its peak RSS (bytes;
// the process and every thread) and CPU time (user and system, seconds, all threads) as JSON.
const { writeFileSync } = require('node:fs');
const target = process.env.CONVX_BENCH_RSS_FILE;
process.on('exit', () => {
  if (!target) return;
  const usage = process.resourceUsage();
  writeFileSync(
    target,
    JSON.stringify({ rss: usage.maxRSS * 1024, cpu: (usage.userCPUTime + usage.systemCPUTime) / 1e6 }),
  );
});
