// Preloaded into the measured process (`node --require bench/rss.cjs`): writes its peak RSS on exit.
const { writeFileSync } = require('node:fs');
const target = process.env.CONVX_BENCH_RSS_FILE;
process.on('exit', () => {
  if (target) writeFileSync(target, String(process.resourceUsage().maxRSS * 1024));
});
