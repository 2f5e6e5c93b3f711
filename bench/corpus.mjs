// Deterministic synthetic corpora for `pnpm bench`, each a home folder with ~17,200 sessions (realistic record
// mix, including the noise real logs carry) and one session over 200 MB:
// - `codex-heavy`: 8,000 Codex + 2,000 Claude Code sessions, 2,000 Cursor composers, 2,000 Copilot Chat chats
//   (VS Code), a 207 MB Codex session and a 95 MB Claude Code one (the corpus of earlier measurements; v8
//   added the Copilot chats, v9 1,000 Cline task folders with a 50 MB history and 1,000 Continue sessions,
//   each generated with its own seed, so the rest is as in v7);
// - `claude-heavy`: 2,000 Codex + 8,000 Claude Code sessions, 2,000 Cursor composers, 2,000 Copilot chats,
//   the same Cline tasks and Continue sessions (v3) and a ~200 MB Claude Code session with file-sized tool
//   outputs;
// - `home-10k`: `codex-heavy`'s mix scaled to 10,000 sessions, for the warm sync alone; v2 added what else a
//   developer's home holds, 300 checkouts under `code/` (no sessions, but a source that looks for projects
//   walks them: Crush); v3 a Crush database in each of the 40 project folders (400 sessions).
// Generated once into `<root>/<name>/home` (bench/.corpus, git-ignored) and regenerated when its version moves.
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { claudeLines } from './claude-lines.mjs';
import { writeClineTasks } from './cline-tasks.mjs';
import { codexLines } from './codex-lines.mjs';
import { writeContinueSessions } from './continue-sessions.mjs';
import { writeCopilotVscodeStore } from './copilot-vscode-store.mjs';
import { writeCrushStores } from './crush-stores.mjs';
import { writeCursorStore } from './cursor-store.mjs';
import { writeQwenChats } from './qwen-chats.mjs';
import { rng, uuidOf, uuidV7Of } from './random.mjs';

export const corpora = {
  'codex-heavy': {
    version: 10,
    codexSessions: 8000,
    claudeSessions: 2000,
    cursorComposers: 2000,
    copilotVscodeChats: 2000,
    clineTasks: 1000,
    bigClineMB: 50,
    continueSessions: 1000,
    qwenChats: 1000,
    bigCodexTurns: 4600,
    bigClaudeTurns: 4000,
    /** Claude sessions' cwd picked at random (as in v7), not from their project folder. */
    claudeCwdFromFolder: false,
  },
  'claude-heavy': {
    version: 4,
    codexSessions: 2000,
    claudeSessions: 8000,
    cursorComposers: 2000,
    copilotVscodeChats: 2000,
    clineTasks: 1000,
    bigClineMB: 50,
    continueSessions: 1000,
    qwenChats: 1000,
    bigCodexTurns: 0,
    bigClaudeTurns: 8600,
    claudeCwdFromFolder: true,
  },
  // `codex-heavy`'s mix at 10,000 sessions: the home size issue #20's sync target is set for. Only the warm
  // sync is measured on it (bench/run.mjs), so it costs a generation and a first sync, no backups.
  'home-10k': {
    version: 3,
    syncOnly: true,
    checkouts: 300,
    /** Crush databases in the 40 project folders (`code/project-<k>/.crush`), 10 sessions each. */
    crushProjects: 40,
    crushSessionsEach: 10,
    codexSessions: 4700,
    claudeSessions: 1180,
    cursorComposers: 1180,
    copilotVscodeChats: 1180,
    clineTasks: 590,
    bigClineMB: 50,
    continueSessions: 590,
    qwenChats: 590,
    bigCodexTurns: 4600,
    bigClaudeTurns: 4000,
    claudeCwdFromFolder: false,
  },
};

/** The folders of a repository's top two levels, as a checkout has them (`.git` and `node_modules` included). */
const CHECKOUT_FOLDERS = [
  '.git',
  'node_modules',
  'src',
  'lib',
  'test',
  'docs',
  'scripts',
  'bin',
  'config',
  'public',
  'assets',
  'examples',
  'types',
];

/** `count` source checkouts (empty folders, no files): what a walk of a developer's home goes through. */
async function writeCheckouts(root, count) {
  for (let i = 0; i < count; i++)
    for (const folder of CHECKOUT_FOLDERS)
      await mkdir(join(root, `repo-${i}`, folder, 'sub'), { recursive: true });
}

/** Writes lines to a file through a stream, respecting back-pressure. */
async function writeLines(path, lines) {
  const out = createWriteStream(path);
  for (const line of lines) if (!out.write(`${line}\n`)) await new Promise((r) => out.once('drain', r));
  await new Promise((r, j) => out.end((e) => (e ? j(e) : r())));
}

/**
 * Generates corpus `name` under `root/name` unless the same version is already there. Returns its home and
 * the path of its biggest session (the bounded-memory case, also measured alone).
 */
export async function ensureCorpus(root, name, log = () => {}) {
  const spec = corpora[name];
  if (!spec) throw new Error(`unknown corpus ${name}; known: ${Object.keys(corpora).join(', ')}`);
  const dir = join(root, name);
  const home = join(dir, 'home');
  const stamp = join(dir, 'VERSION');
  const [version, bigLine] = (await readFile(stamp, 'utf8').catch(() => '')).split('\n');
  if (version === String(spec.version) && bigLine) return { home, big: JSON.parse(bigLine) };
  await rm(dir, { recursive: true, force: true });
  const rand = rng(42);
  const t0 = Date.UTC(2025, 8, 1);
  log(
    `generating corpus ${name}: ${spec.codexSessions} Codex + ${spec.claudeSessions} Claude sessions, ` +
      `${spec.cursorComposers} Cursor composers, ${spec.copilotVscodeChats} Copilot chats, ` +
      `${spec.clineTasks} Cline tasks, ${spec.continueSessions} Continue sessions, ${spec.qwenChats} Qwen chats and one big session…`,
  );
  for (let i = 0; i < spec.codexSessions; i++) {
    const start = t0 + i * 3_600_000;
    const d = new Date(start);
    const sessionDir = join(
      home,
      '.codex/sessions',
      String(d.getUTCFullYear()),
      String(d.getUTCMonth() + 1).padStart(2, '0'),
      String(d.getUTCDate()).padStart(2, '0'),
    );
    await mkdir(sessionDir, { recursive: true });
    // Codex ≥ 0.98 names rollouts with UUIDv7 ids; the adapter peeks at those (cold runs) for subagent links.
    const id = uuidV7Of(rand, start);
    const stampName = d.toISOString().slice(0, 19).replace(/:/g, '-');
    await writeLines(
      join(sessionDir, `rollout-${stampName}-${id}.jsonl`),
      codexLines(rand, id, start, 2 + Math.floor(rand() * 4), 60),
    );
  }
  for (let i = 0; i < spec.claudeSessions; i++) {
    const project = `project-${i % 40}`;
    const sessionDir = join(home, '.claude/projects', `-home-bench-code-${project}`);
    await mkdir(sessionDir, { recursive: true });
    const id = uuidOf(rand);
    await writeLines(
      join(sessionDir, `${id}.jsonl`),
      claudeLines(
        rand,
        id,
        t0 + i * 5_400_000,
        2 + Math.floor(rand() * 4),
        150,
        spec.claudeCwdFromFolder ? project : undefined,
      ),
    );
  }
  await writeCursorStore(join(home, '.config/Cursor/User'), rand, t0, spec.cursorComposers);
  await writeCopilotVscodeStore(join(home, '.config/Code/User'), t0, spec.copilotVscodeChats);
  await writeClineTasks(
    join(home, '.config/Code/User/globalStorage/saoudrizwan.claude-dev'),
    t0,
    spec.clineTasks,
    spec.bigClineMB,
  );
  await writeContinueSessions(join(home, '.continue/sessions'), t0, spec.continueSessions);
  await writeQwenChats(join(home, '.qwen/projects'), t0, spec.qwenChats);
  await writeCheckouts(join(home, 'code'), spec.checkouts ?? 0);
  await writeCrushStores(join(home, 'code'), t0, spec.crushProjects ?? 0, spec.crushSessionsEach ?? 0);
  const bigs = [];
  if (spec.bigCodexTurns > 0) {
    const bigDir = join(home, '.codex/sessions/2026/02/01');
    await mkdir(bigDir, { recursive: true });
    const bigId = uuidV7Of(rand, Date.UTC(2026, 1, 1, 9));
    const path = join(bigDir, `rollout-2026-02-01T09-00-00-${bigId}.jsonl`);
    await writeLines(path, codexLines(rand, bigId, Date.UTC(2026, 1, 1, 9), spec.bigCodexTurns, 1500));
    bigs.push(path);
  }
  // A long Claude Code session whose tool outputs are file-sized: the Claude adapter's bounded-memory case.
  const bigClaudeDir = join(home, '.claude/projects', '-home-bench-code-monorepo');
  await mkdir(bigClaudeDir, { recursive: true });
  const bigClaudeId = uuidOf(rand);
  const bigClaude = join(bigClaudeDir, `${bigClaudeId}.jsonl`);
  await writeLines(
    bigClaude,
    claudeLines(rand, bigClaudeId, Date.UTC(2026, 1, 2, 9), spec.bigClaudeTurns, 1500),
  );
  bigs.push(bigClaude);
  // The first big session is the one measured alone (the 200 MB one).
  const big = bigs[0].slice(home.length + 1);
  await writeFile(stamp, `${spec.version}\n${JSON.stringify(big)}\n`);
  return { home, big };
}
