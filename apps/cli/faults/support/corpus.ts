import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type CodexSessionSpec,
  codexRollout,
  fakeUuid,
  writeCodexSession,
} from '../../test/support/codex-fixture.js';

/** A deterministic pseudo-random number generator (mulberry32): the same seed, the same moments. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['module', 'test', 'build', 'cache', 'retry', 'parser', 'index', 'schema', 'deploy', 'lint'];
const words = (rand: () => number, n: number) =>
  Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');

/** A Claude Code transcript: a typed prompt, an answer with a tool call, its result, a closing answer. */
function claudeLines(
  rand: () => number,
  sessionId: string,
  cwd: string,
  start: number,
  turns: number,
): string[] {
  const lines: string[] = [];
  let parent: string | null = null;
  let n = 0;
  const record = (type: 'user' | 'assistant', message: object) => {
    const uuid = `${sessionId.slice(0, 24)}${String(++n).padStart(12, '0')}`;
    lines.push(
      JSON.stringify({
        parentUuid: parent,
        isSidechain: false,
        userType: 'external',
        cwd,
        sessionId,
        version: '2.0.55',
        gitBranch: 'main',
        type,
        message,
        uuid,
        timestamp: new Date(start + n * 7000).toISOString(),
      }),
    );
    parent = uuid;
  };
  for (let t = 0; t < turns; t++) {
    const tool = `toolu_${sessionId.slice(-8)}${t}`;
    record('user', { role: 'user', content: `Please ${words(rand, 8)} (${t})` });
    record('assistant', {
      role: 'assistant',
      model: 'claude-sonnet-4-5-20250929',
      content: [
        { type: 'text', text: words(rand, 30) },
        { type: 'tool_use', id: tool, name: 'Bash', input: { command: `npm test -- ${words(rand, 2)}` } },
      ],
    });
    record('user', {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: tool, content: words(rand, 40 + Math.floor(rand() * 200)) },
      ],
    });
    record('assistant', {
      role: 'assistant',
      model: 'claude-sonnet-4-5-20250929',
      content: [{ type: 'text', text: words(rand, 20) }],
    });
  }
  return lines;
}

/** Writes a Claude Code session under `~/.claude/projects/<folder for cwd>/<id>.jsonl`; returns its path. */
export async function writeClaudeSession(
  home: string,
  rand: () => number,
  sessionId: string,
  cwd: string,
  start: number,
  turns: number,
): Promise<string> {
  const dir = join(home, '.claude/projects', cwd.replace(/[^A-Za-z0-9]/g, '-'));
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${sessionId}.jsonl`);
  await writeFile(path, `${claudeLines(rand, sessionId, cwd, start, turns).join('\n')}\n`);
  return path;
}

export interface CorpusSpec {
  codex: number;
  claude: number;
  /** Megabytes of the one big Codex session (streamed, spilled, prepared alone by a worker thread); 0: none. */
  bigMb: number;
}

/** A home with `codex` + `claude` generated sessions and one big Codex session, from `seed`. */
export async function writeCorpus(home: string, spec: CorpusSpec, seed = 1): Promise<void> {
  const rand = seeded(seed);
  const t0 = Date.UTC(2026, 0, 1);
  for (let i = 0; i < spec.codex; i++) {
    await writeCodexSession(home, {
      id: fakeUuid(10_000 + i),
      startedAt: new Date(t0 + i * 3_600_000).toISOString(),
      cwd: join(home, `code/project-${i % 9}`),
      turns: Array.from({ length: 1 + Math.floor(rand() * 4) }, (_, t) => ({
        prompt: `Task ${i}.${t}: ${words(rand, 6)}`,
        answer: words(rand, 20 + Math.floor(rand() * 300)),
      })),
    });
  }
  for (let i = 0; i < spec.claude; i++) {
    const id = `7c1e0000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    await writeClaudeSession(
      home,
      rand,
      id,
      join(home, `code/service-${i % 5}`),
      t0 + i * 5_400_000,
      1 + Math.floor(rand() * 4),
    );
  }
  if (spec.bigMb > 0) await writeBigCodexSession(home, spec.bigMb, rand);
}

/** One Codex session of about `mb` megabytes: many turns with long answers, written as it is generated. */
async function writeBigCodexSession(home: string, mb: number, rand: () => number): Promise<void> {
  const spec: CodexSessionSpec = {
    id: fakeUuid(99_999),
    startedAt: '2026-02-01T09:00:00.000Z',
    cwd: join(home, 'code/monorepo'),
    turns: [],
  };
  const answer = words(rand, 2000);
  const turns = Math.ceil((mb * 1024 * 1024) / (answer.length * 2 + 600));
  for (let t = 0; t < turns; t++) spec.turns.push({ prompt: `Step ${t}: ${words(rand, 8)}`, answer });
  const path = await writeCodexSession(home, { ...spec, turns: [] });
  const out = createWriteStream(path);
  for (const line of codexRollout(spec))
    if (!out.write(`${line}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}
