// Runs one adapter's discover N times in one process (warm cache after the first) and reports CPU per pass.
import { createAdapterContext, memoryCache } from '@convx/core';
const [mod, exp, home, n = '6'] = process.argv.slice(2);
const adapter = (await import(mod))[exp];
const cache = memoryCache();
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const out = [];
for (let i = 0; i < +n; i++) {
  const ctx = createAdapterContext({ home, cache });
  const locs = adapter.defaultLocations({ home, env: {}, platform: 'linux' });
  const c0 = cpu(); let k = 0;
  for await (const ref of adapter.discover(ctx, locs)) k++;
  out.push((cpu() - c0).toFixed(0));
}
console.log(exp, out.join(' '), 'ms');
