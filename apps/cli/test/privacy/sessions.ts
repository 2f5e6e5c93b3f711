import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { builtinRules, createRedactor } from '@convx/redact';
import { type CodexSessionSpec, writeCodexSession } from '../support/codex-fixture.js';

/**
 * One credential of every family @convx/redact covers: each built-in rule's positive example (built at runtime
 * from fragments by the rule table, so the repository holds no live-looking token), with the exact secret
 * parts the rule must remove.
 */
export const planted = builtinRules.map((rule) => {
  const text = rule.examples.positive;
  const secrets = createRedactor()
    .redactText(text)
    .findings.map((f) => text.slice(f.start, f.end));
  return { ruleId: rule.id, text, secrets };
});

/** All planted credentials, one per line. */
export const plantedText = planted.map((p) => p.text).join('\n');

/**
 * The distinctive part of each secret: its longest run of letters and digits. Markdown may escape a `_`
 * or a `+` and JSON escapes newlines, but neither splits such a run, so searching for it finds the
 * secret in every output format.
 */
export const secretCores = planted.flatMap((p) =>
  p.secrets.map((secret) => ({
    ruleId: p.ruleId,
    core: [...secret.matchAll(/[A-Za-z0-9]+/g)].map((m) => m[0]).sort((a, b) => b.length - a.length)[0] ?? '',
  })),
);

const corpusDir = join(import.meta.dirname, '../../../../packages/redact/test/corpus');

/** The redact package's false-positive corpus: prose, code, logs, hashes and URLs that must pass unchanged. */
export async function readCorpus(): Promise<{ name: string; text: string }[]> {
  const names = (await readdir(corpusDir)).filter((n) => n.endsWith('.md')).sort();
  return Promise.all(
    names.map(async (name) => ({ name, text: (await readFile(join(corpusDir, name), 'utf8')).trim() })),
  );
}

const at = (start: string, seconds: number) => new Date(Date.parse(start) + seconds * 1000).toISOString();

/** A Codex rollout whose second turn runs a shell tool call: input and output carry `toolText`. */
export async function writeCodexWithTool(
  home: string,
  spec: CodexSessionSpec & { toolInput: string; toolOutput: string; context?: string },
): Promise<string> {
  return writeCodexSession(home, spec, (lines) => {
    const line = (seconds: number, type: string, payload: unknown) =>
      JSON.stringify({ timestamp: at(spec.startedAt, seconds), type, payload });
    const extra = [
      line(40, 'response_item', {
        type: 'function_call',
        name: 'shell',
        arguments: JSON.stringify({ command: ['bash', '-lc', spec.toolInput], workdir: spec.cwd }),
        call_id: 'call_planted_1',
      }),
      line(41, 'response_item', {
        type: 'function_call_output',
        call_id: 'call_planted_1',
        output: spec.toolOutput,
      }),
    ];
    const context = spec.context
      ? [
          line(1, 'response_item', {
            type: 'message',
            role: 'user',
            content: [
              { type: 'input_text', text: `<user_instructions>\n${spec.context}\n</user_instructions>` },
            ],
          }),
        ]
      : [];
    // Context right after the environment block; the tool call after the first answer.
    return [...lines.slice(0, 3), ...context, ...lines.slice(3, 7), ...extra, ...lines.slice(7)];
  });
}

export interface ClaudeSessionSpec {
  sessionId: string;
  cwd: string;
  /** Default `main`. */
  gitBranch?: string;
  startedAt: string;
  prompt: string;
  answer: string;
  toolInput?: string;
  toolOutput?: string;
  /** A subagent (Task) transcript: its prompt and its answer. */
  subagent?: { id: string; prompt: string; answer: string };
}

/**
 * A Claude Code session in the shape of fixtures/home/.claude: one JSONL file per session under
 * `projects/<cwd with - for />/`, chained by parentUuid; a subagent in `<session>/subagents/agent-<id>.jsonl`.
 */
export async function writeClaudeSession(home: string, spec: ClaudeSessionSpec): Promise<string> {
  const project = join(home, '.claude', 'projects', spec.cwd.replace(/[/.]/g, '-'));
  let n = 0;
  let parent: string | null = null;
  const base = (sidechain: boolean, agentId?: string) => ({
    isSidechain: sidechain,
    userType: 'external',
    cwd: spec.cwd,
    sessionId: spec.sessionId,
    version: '2.1.42',
    gitBranch: spec.gitBranch ?? 'main',
    ...(agentId ? { agentId } : {}),
  });
  const entry = (type: 'user' | 'assistant', message: unknown, sidechain = false, agentId?: string) => {
    n++;
    const uuid = `${sidechain ? 'b' : 'a'}${String(n).padStart(7, '0')}-0000-4000-8000-${spec.sessionId.slice(-12)}`;
    const line = {
      parentUuid: parent,
      ...base(sidechain, agentId),
      type,
      message,
      uuid,
      timestamp: at(spec.startedAt, n * 5),
    };
    parent = uuid;
    return JSON.stringify(line);
  };
  const assistant = (content: unknown[], id: string) => ({
    model: 'claude-sonnet-4-5-20250929',
    id,
    type: 'message',
    role: 'assistant',
    content,
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 12, output_tokens: 64 },
  });

  const lines = [entry('user', { role: 'user', content: spec.prompt })];
  if (spec.toolInput !== undefined) {
    lines.push(
      entry(
        'assistant',
        assistant(
          [{ type: 'tool_use', id: 'toolu_01Planted', name: 'Bash', input: { command: spec.toolInput } }],
          'msg_01Tool',
        ),
      ),
      entry('user', {
        role: 'user',
        content: [{ tool_use_id: 'toolu_01Planted', type: 'tool_result', content: spec.toolOutput ?? '' }],
      }),
    );
  }
  lines.push(entry('assistant', assistant([{ type: 'text', text: spec.answer }], 'msg_01Answer')));
  await mkdir(project, { recursive: true });
  const path = join(project, `${spec.sessionId}.jsonl`);
  await writeFile(path, `${lines.join('\n')}\n`);

  if (spec.subagent) {
    const folder = join(project, spec.sessionId, 'subagents');
    await mkdir(folder, { recursive: true });
    parent = null;
    const { id, prompt, answer } = spec.subagent;
    const sub = [
      entry('user', { role: 'user', content: prompt }, true, id),
      entry('assistant', assistant([{ type: 'text', text: answer }], 'msg_01Sub'), true, id),
    ];
    await writeFile(join(folder, `agent-${id}.jsonl`), `${sub.join('\n')}\n`);
    await writeFile(
      join(folder, `agent-${id}.meta.json`),
      JSON.stringify({ agentType: 'general-purpose', description: 'Check the deployment settings' }),
    );
  }
  return path;
}
