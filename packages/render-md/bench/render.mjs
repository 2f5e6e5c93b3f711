// A micro-benchmark of the Markdown renderer and the JSON twin serialization alone, on the sessions of a
// backup's history folder (`node packages/render-md/bench/render.mjs HISTORY [--limit N] [--repeat N]`,
// after `pnpm build`). Each twin is parsed back into its session, rendered and serialized again, and the
// bytes are compared with the files the backup wrote, so a faster renderer is also shown to be the same one.
// `--renderer PATH` times another build of the package (main's, to compare back to back).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { twinChunks } from '@convx/core';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    limit: { type: 'string', default: '3000' },
    repeat: { type: 'string', default: '3' },
    renderer: { type: 'string', default: new URL('../dist/index.js', import.meta.url).pathname },
  },
});
const { markdownRenderer } = await import(values.renderer);
const history = positionals[0];
if (!history) throw new Error('usage: render.mjs HISTORY_DIR [--limit N] [--repeat N]');

/** The twins under the history folder (`.<basename>.json`), in a stable order. */
function twins(dir, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) twins(path, found);
    else if (entry.name.startsWith('.') && entry.name.endsWith('.json')) found.push({ dir, path });
  }
  return found;
}

const sessions = twins(history)
  .slice(0, Number(values.limit))
  .map(({ dir, path }) => {
    const { convx, ...session } = JSON.parse(readFileSync(path, 'utf8'));
    const basename = path.slice(dir.length + 2, -'.json'.length);
    return { dir, basename, path, session, convx };
  });

const text = (content) => (typeof content === 'string' ? content : [...content].join(''));
const decoder = new TextDecoder();
const joined = (chunks) => [...chunks].map((c) => (typeof c === 'string' ? c : decoder.decode(c))).join('');

// Same bytes first: every rendered file and every twin equals what the backup wrote.
let mismatches = 0;
for (const { dir, basename, path, session, convx } of sessions) {
  for (const file of markdownRenderer.render(session, { basename, options: {} })) {
    const expected = readFileSync(join(dir, `${basename}${file.suffix}`), 'utf8');
    if (text(file.content) !== expected && mismatches++ < 5)
      console.error(`differs: ${dir}/${basename}${file.suffix}`);
  }
  if (joined(twinChunks(session, convx)) !== readFileSync(path, 'utf8') && mismatches++ < 5)
    console.error(`twin differs: ${path}`);
}

/** CPU milliseconds of `work` over every session, the best of the repeats. */
function best(work) {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < Number(values.repeat); i++) {
    const start = process.cpuUsage();
    for (const item of sessions) work(item);
    const used = process.cpuUsage(start);
    min = Math.min(min, (used.user + used.system) / 1000);
  }
  return min;
}

// Consumed piece by piece, as the writer does (no joined copy), so only producing the pieces is timed.
const drain = (chunks) => {
  let n = 0;
  for (const piece of chunks) n += piece.length;
  return n;
};
const renderMs = best(({ basename, session }) => {
  for (const file of markdownRenderer.render(session, { basename, options: {} })) drain(file.content);
});
const twinMs = best(({ session, convx }) => drain(twinChunks(session, convx)));
console.log(
  JSON.stringify({
    sessions: sessions.length,
    mismatches,
    renderMs: Math.round(renderMs),
    twinMs: Math.round(twinMs),
  }),
);
if (mismatches) process.exitCode = 1;
