// Preloaded into the measured process (`node --require bench/rss.cjs`): writes its peak RSS on exit.
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  if (process.env.CONVX_BENCH_RSS_FILE) writeFileSync(process.env.CONVX_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS * 1024));
});
