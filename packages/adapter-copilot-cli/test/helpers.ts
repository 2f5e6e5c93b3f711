import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  createAdapterContext,
  discoveredRefs,
  type Message,
  type Session,
  type SessionRef,
  type SourceProblem,
} from '@convx/core';
import { type CopilotCliRefData, copilotCliAdapter } from '../src/index.js';

/** A fresh fake home directory. */
export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'copilot-cli-'));
}

export function write(path: string, text: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** One event line as Copilot CLI writes it: `type` first. */
export function event(
  type: string,
  data: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify({ type, data, id: `e-${type}`, timestamp: '2026-04-01T09:00:00.000Z', ...extra });
}

/** A session folder `~/.copilot/session-state/<id>/events.jsonl` holding these lines. */
export function sessionFolder(home: string, id: string, lines: string[], workspace?: string): string {
  const folder = join(home, '.copilot', 'session-state', id);
  if (workspace !== undefined) write(join(folder, 'workspace.yaml'), workspace);
  return write(join(folder, 'events.jsonl'), `${lines.join('\n')}\n`);
}

export async function discover(
  home: string,
  env: Record<string, string> = {},
  locations?: string[],
): Promise<{ refs: SessionRef<CopilotCliRefData>[]; problems: SourceProblem[] }> {
  const problems: SourceProblem[] = [];
  const ctx = createAdapterContext({ home, onProblem: (p) => problems.push(p) });
  const where = locations ?? copilotCliAdapter.defaultLocations({ home, env, platform: 'linux' });
  const refs = await discoveredRefs(copilotCliAdapter.discover(ctx, where));
  return { refs, problems };
}

/** Discovers and loads the one session of a home. */
export async function loadOnly(home: string): Promise<Session> {
  const { refs } = await discover(home);
  const ref = refs.find((r) => !r.skip);
  if (!ref) throw new Error(`no session under ${home}`);
  return copilotCliAdapter.load(createAdapterContext({ home }), ref);
}

/** A message as a short line, for readable assertions. */
export function brief(message: Message): string {
  switch (message.kind) {
    case 'text':
      return `${message.role}: ${message.text}`;
    case 'thinking':
      return message.redacted ? 'thinking: (redacted)' : `thinking: ${message.text}`;
    case 'tool-call':
      return `call ${message.name} ${message.callId ?? ''}`.trim();
    case 'tool-result':
      return `result ${message.callId ?? ''}${message.isError ? ' error' : ''}: ${message.output}`;
    case 'context':
      return `context ${message.label}: ${message.text}`;
    case 'event':
      return `${message.event}: ${message.text ?? ''}`;
  }
}
