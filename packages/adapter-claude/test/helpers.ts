import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type AdapterContext,
  createAdapterContext,
  discoveredRefs,
  type Message,
  type Session,
  type SessionRef,
} from '@convx/core';
import { type ClaudeRefData, claudeAdapter } from '../src/index.js';

export const home = fileURLToPath(new URL('../../../fixtures/home', import.meta.url));
export const projects = `${home}/.claude/projects`;
export const WEB = `${projects}/-home-alice-code-webapp`;
export const API = `${projects}/-home-alice-code-api`;

export const ID = {
  login: '3f6b2c1e-8a4d-4e7b-9c2a-5d1e0f7a9b31',
  slash: '7d2e9a40-1b3c-4f5e-8a6d-2c9b0e4f1a72',
  resumed: 'c81f5e2a-6d49-4b0c-a3e7-91d2f8b6c054',
  continuation: 'e4a7b913-2c58-4d6f-b0e1-7f3a9c5d2b86',
  apiError: '0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e',
  orphan: '5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f',
  rateLimit: 'a2c4e6f8-1357-4924-8b6d-0e2f4a6c8e1a',
  review: '9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4',
} as const;

export async function discoverAll(
  locations: string[],
  ctx: AdapterContext = context(),
): Promise<SessionRef<ClaudeRefData>[]> {
  return discoveredRefs(claudeAdapter.discover(ctx, locations));
}

export function context(): AdapterContext {
  return createAdapterContext({ home });
}

let cached: Promise<Map<string, Session>> | undefined;
/** Every fixture session, loaded once, by session id. */
export function fixtureSessions(): Promise<Map<string, Session>> {
  cached ??= (async () => {
    const ctx = context();
    const refs = await discoverAll([projects], ctx);
    const sessions = await Promise.all(refs.map((ref) => claudeAdapter.load(ctx, ref)));
    return new Map(sessions.map((s) => [s.sessionId, s]));
  })();
  return cached;
}

export async function session(id: string): Promise<Session> {
  const found = (await fixtureSessions()).get(id);
  if (!found) throw new Error(`fixture session ${id} was not loaded`);
  return found;
}

/** Compact `kind/role: text` lines, to assert a transcript's shape in one comparison. */
export function outline(messages: readonly Message[]): string[] {
  return messages.map(summarize);
}

function summarize(m: Message): string {
  switch (m.kind) {
    case 'text':
      return `text/${m.role}: ${m.text}`;
    case 'thinking':
      return `thinking${m.redacted ? ' (redacted)' : ''}: ${m.text}`;
    case 'tool-call':
      return `call ${m.name} ${m.callId ?? ''}`;
    case 'tool-result':
      return `result ${m.name ?? '?'} ${m.callId ?? ''}${m.isError ? ' ERROR' : ''}`;
    case 'context':
      return `context[${m.label}]: ${m.text}`;
    case 'event':
      return `event[${m.event}]: ${m.text ?? ''}`;
  }
}

export function fixtureLines(path: string): unknown[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as unknown];
      } catch {
        return [];
      }
    });
}
