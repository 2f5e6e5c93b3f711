#!/usr/bin/env node
// Measures the explorer on a backed-up output (docs/performance.md, "The web explorer"):
//   node packages/explore/scripts/measure.mjs <output> [--chromium /usr/bin/chromium]
// the index update, /api/search latency (p50/p95 over a fixed query mix), the other endpoints, the first
// screen in Chromium (navigation → first rows shown and the search box usable), list scrolling frame times,
// and the first and last page of the largest transcript. Run after `pnpm build`.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openIndex } from '@convx/search';
import { chromium } from 'playwright-core';
import { startExplorer } from '../dist/index.js';

const output = process.argv[2];
if (!output) throw new Error('usage: measure.mjs <output folder>');
const chromiumPath = process.argv.includes('--chromium')
  ? process.argv[process.argv.indexOf('--chromium') + 1]
  : (process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');

const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (n) => `${n.toFixed(1)} ms`;

let t = performance.now();
const index = await openIndex(output);
const report = await index.update();
console.log(
  `index update: ${ms(performance.now() - t)} (${report.added} added, ${report.unchanged} unchanged, rebuilt ${report.rebuilt})`,
);
t = performance.now();
await index.update();
console.log(`index update, nothing changed: ${ms(performance.now() - t)}`);

const explorer = await startExplorer({ index, port: 0 });
const base = `http://127.0.0.1:${explorer.port}`;
const get = async (path) => {
  const start = performance.now();
  const response = await fetch(base + path);
  const body = await response.json();
  if (!response.ok) throw new Error(`${path}: ${JSON.stringify(body)}`);
  return { time: performance.now() - start, body };
};

const queries = [
  'test',
  'fix the flaky login test',
  'refactor',
  'redis cache',
  '"error handling"',
  'migration -postgres',
  'docker OR kubernetes',
  'auth*',
  'source:claude timeout',
  'project:api rate limit',
  'performance regression',
  'typescript types',
  'add a unit test',
  'deploy',
  'null pointer',
  'source:codex after:2025-10-01 bug',
  'model:gpt retry',
  'memory leak',
  'pagination',
  'websocket reconnect',
  'readme',
  'lint warnings',
  'css layout',
  'tool:Bash npm',
  'role:user why',
];
const times = [];
for (let round = 0; round < 4; round++) {
  for (const q of queries) times.push((await get(`/api/search?q=${encodeURIComponent(q)}&limit=100`)).time);
}
console.log(
  `/api/search over HTTP: p50 ${ms(pct(times, 50))}, p95 ${ms(pct(times, 95))}, max ${ms(Math.max(...times))} (${times.length} requests)`,
);
for (const path of ['/api/sessions?limit=100', '/api/facets', '/api/stats']) {
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push((await get(path)).time);
  console.log(`${path}: p50 ${ms(pct(runs, 50))}, max ${ms(Math.max(...runs))}`);
}

// The largest transcript: the first page builds its outline (one pass over the twin), later pages are reads.
const all = [];
for (let offset = 0; ; offset += 1000) {
  const page = (await get(`/api/sessions?limit=1000&offset=${offset}`)).body;
  all.push(...page.sessions);
  if (all.length >= page.total || page.sessions.length === 0) break;
}
const largest = all.sort((a, b) => b.messageCount - a.messageCount)[0];
if (largest) {
  const size = (await stat(join(output, largest.twinPath))).size;
  const key = encodeURIComponent(largest.key);
  const rss = process.memoryUsage().rss;
  const first = await get(`/api/sessions/${key}?limit=200`);
  const last = await get(`/api/sessions/${key}?limit=200&offset=${Math.max(0, first.body.total - 200)}`);
  console.log(
    `largest transcript (${(size / 1e6).toFixed(0)} MB, ${first.body.total} messages): first page ${ms(first.time)}, ` +
      `last page ${ms(last.time)}, RSS +${((process.memoryUsage().rss - rss) / 1e6).toFixed(0)} MB`,
  );
}

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--headless', '--disable-gpu'],
});
const firstScreen = [];
for (let i = 0; i < 5; i++) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const start = performance.now();
  await page.goto(`${base}/`);
  await page.locator('.vrow .row-title').first().waitFor();
  await page.locator('.search input').focus();
  firstScreen.push(performance.now() - start);
  await page.close();
}
console.log(
  `first screen interactive (navigation → rows shown, search focusable): median ${ms(pct(firstScreen, 50))}, max ${ms(Math.max(...firstScreen))}`,
);

const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto(`${base}/`);
await page.locator('.vrow .row-title').first().waitFor();
const frames = await page.evaluate(async () => {
  const list = document.querySelector('.vlist');
  const deltas = [];
  let last = performance.now();
  const end = last + 3000;
  while (performance.now() < end) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const now = performance.now();
    deltas.push(now - last);
    last = now;
    list.scrollTop += 400;
  }
  return { deltas, rows: document.querySelectorAll('.vrow').length, scrolled: list.scrollTop };
});
console.log(
  `list scroll (400 px a frame for 3 s, ${frames.scrolled} px): frame p50 ${ms(pct(frames.deltas, 50))}, ` +
    `p95 ${ms(pct(frames.deltas, 95))}, ${frames.deltas.filter((d) => d > 50).length} frames over 50 ms; ${frames.rows} rows in the DOM`,
);
await browser.close();
await explorer.close();
