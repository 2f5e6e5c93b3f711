// Deterministic synthetic corpus for `pnpm bench`: a home folder with thousands of Codex and Claude Code
// sessions (realistic record mix, including the noise real logs carry), one Codex session over 200 MB and
// one Claude Code session of about 100 MB.
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { claudeLines } from './claude-lines.mjs';
import { codexLines } from './codex-lines.mjs';
import { writeCopilotVscodeStore } from './copilot-vscode-store.mjs';
import { writeCursorStore } from './cursor-store.mjs';
import { rng, uuidOf, uuidV7Of } from './random.mjs';

export const CORPUS_VERSION = 8;

/** Writes lines to a file through a stream, respecting back-pressure. */
async function writeLines(path, lines) {
  const out = createWriteStream(path);
  for (const line of lines) if (!out.write(`${line}\n`)) await new Promise((r) => out.once('drain', r));
  await new Promise((r, j) => out.end((e) => (e ? j(e) : r())));
}

export const corpusSpec = {
  codexSessions: 8000,
  claudeSessions: 2000,
  cursorComposers: 2000,
  copilotVscodeChats: 2000,
  bigSessionTurns: 4600,
  bigClaudeTurns: 4000,
};

/** Generates the corpus under `root` unless a corpus of the same version is already there. Returns its home. */
export async function ensureCorpus(root, log = () => {}) {
  const home = join(root, 'home');
  const stamp = join(root, 'VERSION');
  const current = await readFile(stamp, 'utf8').catch(() => '');
  if (current.trim() === String(CORPUS_VERSION)) return home;
  await rm(root, { recursive: true, force: true });
  const rand = rng(42);
  const t0 = Date.UTC(2025, 8, 1);
  log(
    `generating ${corpusSpec.codexSessions} Codex + ${corpusSpec.claudeSessions} Claude sessions, ` +
      `${corpusSpec.cursorComposers} Cursor composers, ${corpusSpec.copilotVscodeChats} Copilot chats and one big session…`,
  );
  for (let i = 0; i < corpusSpec.codexSessions; i++) {
    const start = t0 + i * 3_600_000;
    const d = new Date(start);
    const dir = join(
      home,
      '.codex/sessions',
      String(d.getUTCFullYear()),
      String(d.getUTCMonth() + 1).padStart(2, '0'),
      String(d.getUTCDate()).padStart(2, '0'),
    );
    await mkdir(dir, { recursive: true });
    // Codex ≥ 0.98 names rollouts with UUIDv7 ids; the adapter peeks at those (cold runs) for subagent links.
    const id = uuidV7Of(rand, start);
    const stampName = d.toISOString().slice(0, 19).replace(/:/g, '-');
    await writeLines(
      join(dir, `rollout-${stampName}-${id}.jsonl`),
      codexLines(rand, id, start, 2 + Math.floor(rand() * 4), 60),
    );
  }
  for (let i = 0; i < corpusSpec.claudeSessions; i++) {
    const dir = join(home, '.claude/projects', `-home-bench-code-project-${i % 40}`);
    await mkdir(dir, { recursive: true });
    const id = uuidOf(rand);
    await writeLines(
      join(dir, `${id}.jsonl`),
      claudeLines(rand, id, t0 + i * 5_400_000, 2 + Math.floor(rand() * 4)),
    );
  }
  await writeCursorStore(join(home, '.config/Cursor/User'), rand, t0, corpusSpec.cursorComposers);
  await writeCopilotVscodeStore(join(home, '.config/Code/User'), t0, corpusSpec.copilotVscodeChats);
  const bigDir = join(home, '.codex/sessions/2026/02/01');
  await mkdir(bigDir, { recursive: true });
  const bigId = uuidV7Of(rand, Date.UTC(2026, 1, 1, 9));
  await writeLines(
    join(bigDir, `rollout-2026-02-01T09-00-00-${bigId}.jsonl`),
    codexLines(rand, bigId, Date.UTC(2026, 1, 1, 9), corpusSpec.bigSessionTurns, 1500),
  );
  // A long Claude Code session whose tool outputs are file-sized: the Claude adapter's bounded-memory case.
  const bigClaudeDir = join(home, '.claude/projects', '-home-bench-code-monorepo');
  await mkdir(bigClaudeDir, { recursive: true });
  const bigClaudeId = uuidOf(rand);
  await writeLines(
    join(bigClaudeDir, `${bigClaudeId}.jsonl`),
    claudeLines(rand, bigClaudeId, Date.UTC(2026, 1, 2, 9), corpusSpec.bigClaudeTurns, 1500),
  );
  await writeFile(stamp, String(CORPUS_VERSION));
  return home;
}

/** A Cursor global database in the bubble-per-row era (`_v` 10), plus one workspace that lists half the composers. */
