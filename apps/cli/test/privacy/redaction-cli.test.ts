import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { builtinRules } from '@convx/redact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupArgs, makeWorkspace, runCli, type Workspace } from '../support/cli.js';
import { fakeUuid, writeCodexSession } from '../support/codex-fixture.js';
import { leaks, readOutputs, readTwins } from './outputs.js';
import {
  planted,
  plantedText,
  readCorpus,
  secretCores,
  writeClaudeSession,
  writeCodexWithTool,
} from './sessions.js';

// One credential of every family in user prompts, assistant text, tool inputs, tool outputs and a subagent,
// of Codex and Claude sessions; then `convx backup` must write none of them anywhere.

const codexPlanted = fakeUuid(901);
const claudePlanted = '5e1d2c3b-4a59-4687-9a1b-2c3d4e5f6a71';
const codexCorpus = fakeUuid(902);
const claudeCorpus = '5e1d2c3b-4a59-4687-9a1b-2c3d4e5f6a72';
const codexTitle = fakeUuid(903);
const WARNING = 'secret redaction is off';

let ws: Workspace;
let corpus: { name: string; text: string }[];

beforeAll(async () => {
  ws = await makeWorkspace({ copyFixtures: false });
  corpus = await readCorpus();
  const cwd = `${ws.home}/code/payments`;
  await writeCodexWithTool(ws.home, {
    id: codexPlanted,
    startedAt: '2026-11-03T09:00:00.000Z',
    cwd,
    turns: [
      {
        prompt: `Wire up the deploy. These are the credentials:\n${plantedText}`,
        answer: `Noted:\n${plantedText}`,
      },
      { prompt: 'Thanks, that is all.', answer: 'Done.' },
    ],
    toolInput: `cat > .env <<'ENV'\n${plantedText}\nENV`,
    toolOutput: plantedText,
  });
  await writeClaudeSession(ws.home, {
    sessionId: claudePlanted,
    cwd,
    startedAt: '2026-11-03T10:00:00.000Z',
    prompt: `Check why the deploy fails; the .env is:\n${plantedText}`,
    answer: `The settings are:\n${plantedText}`,
    toolInput: `printf '%s' '${plantedText}' | tee .env`,
    toolOutput: plantedText,
    subagent: { id: 'a5c7e9b', prompt: `Verify these:\n${plantedText}`, answer: `Verified:\n${plantedText}` },
  });
  await writeCodexWithTool(ws.home, {
    id: codexCorpus,
    startedAt: '2026-11-03T11:00:00.000Z',
    cwd,
    turns: corpus.map((c) => ({ prompt: c.text, answer: c.text })),
    toolInput: 'tail -n 200 build.log',
    toolOutput: corpus[0]?.text ?? '',
  });
  // The file name comes from the first prompt: it must be built from the redacted text.
  await writeCodexSession(ws.home, {
    id: codexTitle,
    startedAt: '2026-11-03T13:00:00.000Z',
    cwd,
    turns: [
      {
        prompt: `${planted.find((p) => p.ruleId === 'github-token')?.secrets[0]} is rejected, why?`,
        answer: 'It expired.',
      },
    ],
  });
  await writeClaudeSession(ws.home, {
    sessionId: claudeCorpus,
    cwd,
    startedAt: '2026-11-03T12:00:00.000Z',
    prompt: corpus[1]?.text ?? '',
    answer: corpus[2]?.text ?? '',
    toolInput: 'npm run build 2>&1 | tail -n 300',
    toolOutput: corpus[0]?.text ?? '',
    subagent: { id: 'a5c7e9c', prompt: corpus[2]?.text ?? '', answer: corpus[1]?.text ?? '' },
  });
});

afterAll(() => ws.cleanup());

describe('redaction in convx backup (on by default)', () => {
  it('plants one credential of every built-in family, each with a distinctive secret part', () => {
    expect(planted.map((p) => p.ruleId)).toEqual(builtinRules.map((r) => r.id));
    for (const p of planted) expect(p.secrets.length, p.ruleId).toBeGreaterThan(0);
    for (const { ruleId, core } of secretCores) expect(core.length, ruleId).toBeGreaterThanOrEqual(16);
    expect(corpus.length).toBeGreaterThanOrEqual(3);
  });

  it('writes no secret to any Markdown, JSON twin or subagent file', async () => {
    const result = await runCli(backupArgs(ws));
    expect(result.stderr).not.toContain(WARNING);
    expect(result.code, result.stderr).toBe(0);

    const outputs = await readOutputs(ws.out);
    expect(outputs.some((o) => /\/agent-a5c7e9b\.md$/.test(o.file))).toBe(true);
    expect(leaks(outputs, secretCores)).toEqual([]);
    // Nor in convx's git-ignored state (index, cache), which stays on the disk.
    const stateDir = join(ws.out, '.convx/state');
    const state = await Promise.all(
      (await readdir(stateDir, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile())
        .map(async (e) => ({ file: e.name, content: await readFile(join(e.parentPath, e.name), 'utf8') })),
    );
    expect(state.length).toBeGreaterThan(0);
    expect(leaks(state, secretCores)).toEqual([]);
    // Nor in a file name.
    expect(
      leaks(
        outputs.map((o) => ({ file: o.file, content: o.file })),
        secretCores,
      ),
    ).toEqual([]);
    expect(outputs.map((o) => o.file)).toContainEqual(
      expect.stringMatching(/\/2026-11-03-1300-redacted-github-token-is-rejected-why\.md$/),
    );

    // Every family was found and replaced, in every place it was planted.
    const twins = await readTwins(ws.out);
    const codex = twins.get(codexPlanted);
    const claude = twins.get(claudePlanted);
    const ids = (text: string) => [...text.matchAll(/\[REDACTED:([a-z0-9-]+)\]/g)].map((m) => m[1]);
    const everyRule = builtinRules.map((r) => r.id).sort();
    const byKind = (twin: typeof codex, kind: string, role?: string) =>
      twin?.messages.filter((m) => m.kind === kind && (role === undefined || m.role === role)) ?? [];
    for (const [twin, label] of [
      [codex, 'codex'],
      [claude, 'claude'],
    ] as const) {
      const prompt = byKind(twin, 'text', 'user')[0]?.text ?? '';
      const answer = byKind(twin, 'text', 'assistant')[0]?.text ?? '';
      const input = JSON.stringify(byKind(twin, 'tool-call')[0]?.input ?? '');
      const output = byKind(twin, 'tool-result')[0]?.output ?? '';
      for (const [where, text] of Object.entries({ prompt, answer, input, output })) {
        expect([...new Set(ids(text))].sort(), `${label} ${where}`).toEqual(everyRule);
      }
    }
    const child = claude?.children?.[0];
    expect(child?.messages.map((m) => m.kind)).toEqual(['text', 'text']);
    expect([...new Set(ids(JSON.stringify(child)))].sort()).toEqual(everyRule);

    const markdown = outputs.filter((o) => o.file.endsWith('.md'));
    const codexMd = markdown.find((o) => o.content.includes('Wire up the deploy'));
    expect(codexMd?.content).toContain('[REDACTED:github-token]');
    expect(codexMd?.content).toContain('[REDACTED:private-key]');
    const agentMd = markdown.find((o) => o.file.endsWith('/agent-a5c7e9b.md'));
    expect([...new Set(ids(agentMd?.content ?? ''))].sort()).toEqual(everyRule);
  });

  it('leaves prose, code and logs (the false-positive corpus) exactly as they were', async () => {
    const twins = await readTwins(ws.out);
    const codex = twins.get(codexCorpus);
    const texts = corpus.map((c) => c.text);
    expect(codex?.messages.filter((m) => m.kind === 'text' && m.role === 'user').map((m) => m.text)).toEqual(
      texts,
    );
    expect(
      codex?.messages.filter((m) => m.kind === 'text' && m.role === 'assistant').map((m) => m.text),
    ).toEqual(texts);
    expect(codex?.messages.find((m) => m.kind === 'tool-result')?.output).toBe(texts[0]);
    const claude = twins.get(claudeCorpus);
    expect(claude?.messages.find((m) => m.kind === 'text' && m.role === 'user')?.text).toBe(texts[1]);
    expect(claude?.messages.find((m) => m.kind === 'tool-result')?.output).toBe(texts[0]);
    expect(claude?.children?.[0]?.messages.map((m) => m.text)).toEqual([texts[2], texts[1]]);
    for (const twin of [codex, claude]) expect(JSON.stringify(twin)).not.toContain('[REDACTED');
  });

  it('--no-redact writes the secrets as they are, and warns', async () => {
    const result = await runCli(backupArgs(ws, '--no-redact'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`warning: ${WARNING} (--no-redact)`);
    // The redaction setting is part of the render key: every session is rendered again.
    const twins = await readTwins(ws.out);
    for (const id of [codexPlanted, claudePlanted]) {
      const twin = JSON.stringify(twins.get(id));
      expect(twin).not.toContain('[REDACTED');
      expect(secretCores.filter(({ core }) => !twin.includes(core))).toEqual([]);
    }
    const outputs = await readOutputs(ws.out);
    const agentMd = outputs.find((o) => o.file.endsWith('/agent-a5c7e9b.md'))?.content ?? '';
    expect(agentMd).not.toContain('[REDACTED');
  });

  it('turning redaction on again re-renders and cleans every file', async () => {
    const result = await runCli(backupArgs(ws, '--json'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain(WARNING);
    const report = JSON.parse(result.stdout) as { totals: { updated: number } };
    expect(report.totals.updated).toBeGreaterThanOrEqual(2);
    expect(leaks(await readOutputs(ws.out), secretCores)).toEqual([]);
  });

  it('a second run with the same settings writes nothing', async () => {
    const result = await runCli(backupArgs(ws, '--json'));
    const report = JSON.parse(result.stdout) as { written: string[]; totals: { unchanged: number } };
    expect(report.written).toEqual([]);
    expect(report.totals.unchanged).toBe(5);
  });
});
