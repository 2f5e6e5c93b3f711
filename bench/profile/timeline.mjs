// One thread's profile over time: per interval, ms idle, in garbage collection and busy, with the busiest
// functions — where a thread waits for the other. `node bench/profile/timeline.mjs file.cpuprofile [ms]`
import { readFileSync } from 'node:fs';

const [file, intervalText = '1000'] = process.argv.slice(2);
const interval = Number(intervalText) * 1000;
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const rows = new Map();
let at = 0;
for (let i = 0; i < profile.samples.length; i++) {
  at += profile.timeDeltas[i];
  const us = profile.timeDeltas[i + 1] ?? 0;
  const name = nodes.get(profile.samples[i]).callFrame.functionName || '(anon)';
  const slot = Math.floor(at / interval);
  const row = rows.get(slot) ?? { idle: 0, gc: 0, busy: 0, functions: new Map() };
  if (name === '(idle)') row.idle += us;
  else if (name === '(garbage collector)') row.gc += us;
  else {
    row.busy += us;
    row.functions.set(name, (row.functions.get(name) ?? 0) + us);
  }
  rows.set(slot, row);
}
const ms = (us) => (us / 1000).toFixed(0).padStart(5);
for (const [slot, row] of [...rows].sort((a, b) => a[0] - b[0])) {
  const busiest = [...row.functions]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([name, us]) => `${name} ${(us / 1000).toFixed(0)}`)
    .join(', ');
  console.log(
    `${((slot * interval) / 1e6).toFixed(1)}s idle ${ms(row.idle)} gc ${ms(row.gc)} busy ${ms(row.busy)}  ${busiest}`,
  );
}
