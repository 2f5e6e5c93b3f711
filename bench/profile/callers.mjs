// Who calls a function, from V8 CPU profiles: its self time grouped by the chain of callers above it.
// `node bench/profile/callers.mjs <functionName> <depth> *.cpuprofile` (e.g. `open 3`: which writes open files)
import { readFileSync } from 'node:fs';

const [name, depthText, ...files] = process.argv.slice(2);
const depth = Number(depthText);
const byChain = new Map();
for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  for (let i = 0; i < profile.samples.length; i++) {
    if (nodes.get(profile.samples[i]).callFrame.functionName !== name) continue;
    const chain = [];
    for (
      let id = parent.get(profile.samples[i]);
      id !== undefined && chain.length < depth;
      id = parent.get(id)
    ) {
      const frame = nodes.get(id).callFrame;
      chain.push(
        `${frame.functionName || '(anon)'}@${frame.url.replace(/.*\//, '')}:${frame.lineNumber + 1}`,
      );
    }
    const key = chain.join(' < ');
    byChain.set(key, (byChain.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  }
}
for (const [chain, us] of [...byChain].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
  console.log(`${(us / 1000).toFixed(0).padStart(6)} ms  ${chain}`);
}
