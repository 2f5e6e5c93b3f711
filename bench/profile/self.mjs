// Self time from V8 CPU profiles (`node --cpu-prof`), summed over the files given: per function, or per
// package with --by pkg. `node bench/profile/self.mjs [--by fn|pkg] [--top N] *.cpuprofile`
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
let by = 'fn';
let top = 40;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--by') by = args[++i];
  else if (args[i] === '--top') top = Number(args[++i]);
  else files.push(args[i]);
}

/** A sample's function (or package) as one label. */
function label(frame) {
  if (by !== 'pkg') {
    const where = frame.url.replace(/.*\/(packages|apps)\//, '').replace(/.*node_modules\/\.pnpm\//, '');
    return `${frame.functionName || '(anon)'} ${where}:${frame.lineNumber + 1}`;
  }
  const m = /packages\/([^/]+)|apps\/([^/]+)|node_modules\/\.pnpm\/([^/]+)/.exec(frame.url);
  if (m) return m[1] ?? m[2] ?? m[3];
  if (frame.url.startsWith('node:')) return 'node:';
  return frame.url ? 'other' : frame.functionName || '(native)';
}

const self = new Map();
let total = 0;
for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  for (let i = 0; i < profile.samples.length; i++) {
    const us = profile.timeDeltas[i + 1] ?? 0;
    const key = label(nodes.get(profile.samples[i]).callFrame);
    self.set(key, (self.get(key) ?? 0) + us);
    total += us;
  }
}
console.log(`total ${(total / 1000).toFixed(0)} ms`);
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(
    `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`,
  );
}
