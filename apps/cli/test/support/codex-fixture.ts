import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface CodexTurn {
  prompt: string;
  answer: string;
}

export interface CodexSessionSpec {
  id: string;
  /** ISO time of the first line. */
  startedAt: string;
  cwd: string;
  turns: CodexTurn[];
  model?: string;
}

const at = (start: string, seconds: number) => new Date(Date.parse(start) + seconds * 1000).toISOString();

/**
 * A Codex CLI rollout in the envelope format (0.34+), shaped like the format notes: session_meta, a
 * turn_context, injected environment context, then per turn the typed prompt (response_item + user_message
 * event) and the answer (response_item + agent_message event).
 */
export function codexRollout(spec: CodexSessionSpec): string[] {
  const model = spec.model ?? 'gpt-5-codex';
  const line = (seconds: number, type: string, payload: unknown) =>
    JSON.stringify({ timestamp: at(spec.startedAt, seconds), type, payload });
  const lines = [
    line(0, 'session_meta', {
      id: spec.id,
      timestamp: spec.startedAt,
      cwd: spec.cwd,
      originator: 'codex_cli_rs',
      cli_version: '0.50.0',
      instructions: null,
      git: { commit_hash: 'a1b2c3d4', branch: 'main', repository_url: 'git@example.com:demo/app.git' },
      model_provider: 'openai',
    }),
    line(0, 'turn_context', {
      cwd: spec.cwd,
      approval_policy: 'on-request',
      sandbox_policy: { mode: 'workspace-write' },
      model,
      summary: 'auto',
    }),
    line(0, 'response_item', {
      type: 'message',
      role: 'user',
      content: [
        {
          type: 'input_text',
          text: `<environment_context>\n  <cwd>${spec.cwd}</cwd>\n</environment_context>`,
        },
      ],
    }),
  ];
  spec.turns.forEach((turn, i) => {
    const t = 10 + i * 60;
    lines.push(
      line(t, 'response_item', {
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: turn.prompt }],
      }),
      line(t, 'event_msg', { type: 'user_message', message: turn.prompt, images: [] }),
      line(t + 20, 'response_item', {
        type: 'message',
        role: 'assistant',
        content: [{ type: 'output_text', text: turn.answer }],
      }),
      line(t + 20, 'event_msg', { type: 'agent_message', message: turn.answer }),
    );
  });
  return lines;
}

/** Where Codex keeps a rollout: `.codex/sessions/YYYY/MM/DD/rollout-<time>-<id>.jsonl` under the home. */
export function codexRolloutPath(home: string, spec: Pick<CodexSessionSpec, 'id' | 'startedAt'>): string {
  const [date = '', time = ''] = spec.startedAt.split('T');
  const [y, m, d] = date.split('-');
  const stamp = `${date}T${time.slice(0, 8).replaceAll(':', '-')}`;
  return join(home, '.codex', 'sessions', y ?? '', m ?? '', d ?? '', `rollout-${stamp}-${spec.id}.jsonl`);
}

export async function writeCodexSession(
  home: string,
  spec: CodexSessionSpec,
  transform: (lines: string[]) => string[] = (lines) => lines,
): Promise<string> {
  const path = codexRolloutPath(home, spec);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, `${transform(codexRollout(spec)).join('\n')}\n`);
  return path;
}

/** A deterministic UUID-shaped id from a number. */
export function fakeUuid(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `0199a000-1111-4222-8333-${hex}`;
}
