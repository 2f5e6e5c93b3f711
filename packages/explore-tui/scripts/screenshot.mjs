#!/usr/bin/env node
// Refreshes the terminal explorer's screenshots in docs/images: backs up fixtures/home with the built CLI into
// a temp output, runs `convx explore --tui` in a tmux window, types a search, captures the pane with its
// colours (`tmux capture-pane -p -e`), turns that into HTML (./ansi-html.mjs) and photographs it with headless
// Chromium. Run after `pnpm build`: node packages/explore-tui/scripts/screenshot.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ansiToHtml } from './ansi-html.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const images = join(repo, 'docs/images');
const cli = join(repo, 'apps/cli/dist/cli.js');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const work = mkdtempSync(join(tmpdir(), 'convx-tui-shots-'));
const out = join(work, 'out');
const columns = 100;
const rows = 30;
const socket = `convx-tui-shots-${process.pid}`;
const tmux = (...args) =>
  execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(text) {
  for (let i = 0; i < 200; i++) {
    if (tmux('capture-pane', '-t', 'main', '-p').includes(text)) return;
    await sleep(100);
  }
  throw new Error(`the terminal never showed "${text}"`);
}

// The 16 colours of a common dark terminal theme, so the picture looks like a terminal and not a web page.
const palette = [
  '#1e1e2e',
  '#f38ba8',
  '#a6e3a1',
  '#f9e2af',
  '#89b4fa',
  '#f5c2e7',
  '#94e2d5',
  '#bac2de',
  '#585b70',
  '#f38ba8',
  '#a6e3a1',
  '#f9e2af',
  '#89b4fa',
  '#f5c2e7',
  '#94e2d5',
  '#a6adc8',
];

function shoot(name) {
  const ansi = tmux('capture-pane', '-t', 'main', '-p', '-e', '-N'); // -N: keep trailing spaces (the cursor bar)
  // Each row its own line box, so empty rows keep their height.
  const body = ansiToHtml(ansi, { palette, fg: '#cdd6f4', bg: '#1e1e2e' });
  const html = `<!doctype html><meta charset="utf-8"><style>
    html, body { margin: 0; background: #1e1e2e; }
    .term { padding: 14px 16px; color: #cdd6f4; font: 15px/1.3 'DejaVu Sans Mono', 'Liberation Mono', monospace; white-space: pre; }
    .row { height: 1.3em; }
  </style><div class="term">${body}</div>`;
  const page = join(work, `${name}.html`);
  writeFileSync(page, html);
  const file = join(images, `explore-tui-${name}.png`);
  // 15 px DejaVu Sans Mono is about 9.03 px wide; 1.3 line height is 19.5 px.
  const size = `${Math.ceil(columns * 9.04) + 32},${Math.ceil(rows * 19.5) + 28}`;
  const shot = spawnSync(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      `--window-size=${size}`,
      `--screenshot=${file}`,
      `file://${page}`,
    ],
    { stdio: 'ignore' },
  );
  if (shot.status !== 0) throw new Error(`chromium failed (${shot.status}); set CHROMIUM_PATH`);
  console.log(`docs/images/explore-tui-${name}.png`);
}

try {
  try {
    execFileSync(
      process.execPath,
      [
        cli,
        'backup',
        '--output-path',
        out,
        '--init',
        '--home',
        join(repo, 'fixtures/home'),
        '--user',
        'alice',
        '--system-name',
        'laptop',
        '--quiet',
      ],
      { stdio: 'ignore' },
    );
  } catch (error) {
    if (error.status !== 1) throw error; // 1: the fixtures' corrupt Cursor database, on purpose
  }
  mkdirSync(images, { recursive: true });
  tmux(
    'new-session',
    '-d',
    '-s',
    'main',
    '-x',
    String(columns),
    '-y',
    String(rows),
    '-e',
    `PATH=${dirname(process.execPath)}:/usr/bin:/bin`,
    '-e',
    'TERM=xterm-256color',
    '-e',
    'HOME=/home/alice',
    `node ${cli} explore --tui --output-path ${out}; sleep 60`,
  );
  await waitFor('newest first');
  tmux('send-keys', '-t', 'main', '/');
  await sleep(200);
  tmux('send-keys', '-t', 'main', '-l', 'test');
  tmux('send-keys', '-t', 'main', 'Enter');
  await waitFor('match test');
  tmux('send-keys', '-t', 'main', 'Down');
  await sleep(1000);
  shoot('search');
  // The transcript: a session with times on its turns, its failing tool call and result expanded.
  tmux('send-keys', '-t', 'main', '/');
  await sleep(200);
  tmux('send-keys', '-t', 'main', 'C-u');
  tmux('send-keys', '-t', 'main', '-l', 'cookie');
  tmux('send-keys', '-t', 'main', 'Enter');
  await waitFor('matches cookie');
  tmux('send-keys', '-t', 'main', 'Enter');
  await waitFor('▌ You');
  for (const key of ['G', 'k', 'k', 'k', 'k', 'Enter', 'k', 'Enter']) {
    tmux('send-keys', '-t', 'main', key);
    await sleep(150);
  }
  await sleep(500);
  shoot('transcript');
} finally {
  spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
  rmSync(work, { recursive: true, force: true });
}
