#!/usr/bin/env node
// `pnpm demo`: backs up the bundled fixtures/home into a fresh temp git repository with the built CLI and
// shows what was written. Run after a build (the `demo` script builds first).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(repo, 'apps/cli/dist/cli.js');
if (!existsSync(cli)) {
  console.error(`${relative(repo, cli)} is missing; run pnpm build first (pnpm demo does).`);
  process.exit(1);
}

const out = mkdtempSync(join(tmpdir(), 'convx-demo-'));
execFileSync('git', ['init', '--quiet', out]);
const args = [
  'backup',
  '--output-path',
  out,
  '--home',
  join(repo, 'fixtures/home'),
  '--user',
  'demo',
  '--system-name',
  'demo-machine',
];
console.log(`$ convx ${args.map((a) => (a.includes(' ') ? JSON.stringify(a) : a)).join(' ')}\n`);
const run = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' });
if (run.status !== 0 && run.status !== 1) process.exit(run.status ?? 1);

/** A short tree: folders, then up to `maxFiles` transcripts per folder; chains of lone folders on one line. */
function tree(dir, prefix = '', maxFiles = 3) {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  const dirs = entries.filter((e) => e.isDirectory());
  const transcripts = entries.filter((e) => e.isFile() && e.name.endsWith('.md'));
  const lines = [];
  for (const d of dirs) {
    let path = join(dir, d.name);
    let label = d.name;
    for (;;) {
      const inner = readdirSync(path, { withFileTypes: true });
      if (inner.length !== 1 || !inner[0].isDirectory()) break;
      label += `/${inner[0].name}`;
      path = join(path, inner[0].name);
    }
    lines.push(`${prefix}${label}/`, ...tree(path, `${prefix}  `, maxFiles));
  }
  for (const f of transcripts.slice(0, maxFiles)) lines.push(`${prefix}${f.name}`);
  if (transcripts.length > maxFiles) lines.push(`${prefix}… and ${transcripts.length - maxFiles} more`);
  return lines;
}

const history = join(out, 'history');
if (existsSync(history)) {
  const all = readdirSync(history, { recursive: true });
  const md = all.filter((p) => p.endsWith('.md')).length;
  console.log(`\nOutput: ${out}  (${md} Markdown transcripts, each with a hidden JSON twin)\n`);
  console.log(`history/\n${tree(history, '  ').join('\n')}`);
  console.log(`\nLook around: cd ${out} && git status`);
} else {
  console.log(`\nOutput: ${out} (nothing was written)`);
}
