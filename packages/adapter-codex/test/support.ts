import { fileURLToPath } from 'node:url';
import {
  createAdapterContext,
  discoveredRefs,
  type Message,
  type Session,
  type SessionRef,
} from '@convx/core';
import { type CodexRefData, codexAdapter } from '../src/index.js';

/** The shared fake home; its `.codex` folder holds the Codex fixtures. */
export const home = fileURLToPath(new URL('../../../fixtures/home', import.meta.url));
export const codexDir = `${home}/.codex`;

export const context = () => createAdapterContext({ home });

export async function discover(
  locations = codexAdapter.defaultLocations({ home, env: {}, platform: process.platform }),
): Promise<SessionRef<CodexRefData>[]> {
  return discoveredRefs(codexAdapter.discover(context(), locations));
}

export async function load(sessionId: string): Promise<Session> {
  const ref = (await discover()).find((r) => r.sessionId === sessionId);
  if (!ref) throw new Error(`fixture session ${sessionId} not discovered`);
  return codexAdapter.load(context(), ref);
}

/** The value, or a failed test when it is missing. */
export function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value');
  return value;
}

/** The texts a person typed: user text messages only. */
export const typed = (s: Session) =>
  s.messages.flatMap((m) => (m.kind === 'text' && m.role === 'user' ? [m.text] : []));

export const assistantTexts = (s: Session) =>
  s.messages.flatMap((m) => (m.kind === 'text' && m.role === 'assistant' ? [m.text] : []));

export const contextLabels = (s: Session) =>
  s.messages.flatMap((m) => (m.kind === 'context' ? [m.label] : []));

/** A compact `kind/role` outline of a session, to assert order. */
export const outline = (s: Session) => s.messages.map(describe);

function describe(m: Message): string {
  switch (m.kind) {
    case 'text':
      return `${m.role}:text`;
    case 'thinking':
      return m.redacted ? 'thinking:redacted' : 'thinking';
    case 'tool-call':
      return `call:${m.name}`;
    case 'tool-result':
      return `result${m.isError ? ':error' : ''}`;
    case 'context':
      return `context:${m.label}`;
    case 'event':
      return `event:${m.event}`;
  }
}

/** Session ids of the fixtures, named by what each covers. */
export const ids = {
  singleJson: '3f9a1c2e-8b4d-4e6f-9a1b-2c3d4e5f6a7b',
  bareJsonl: '5b2e7d10-4c1a-4f3e-8d2b-9e0f1a2b3c4d',
  headerOnly: '8d4c2a19-7e3b-4b5a-a1c6-0f9e8d7c6b5a',
  envelope034: '2a7f5e91-3d6c-4b8e-9f10-6e5d4c3b2a19',
  envelope046: '0199a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b',
  archivedOnly: '4c8e2f60-1a3b-4d5e-8f70-9a1b2c3d4e5f',
  modern098: '019c1f2e-3a4b-7c5d-8e6f-7a8b9c0d1e2f',
  resumed: '019b7a10-2b3c-7d4e-9f50-a1b2c3d4e5f6',
  compacted: '0199f0e1-d2c3-7b4a-8596-a7b8c9d0e1f2',
  aborted: '019b2c3d-4e5f-7a6b-8c7d-9e0f1a2b3c4d',
  subagent: '019c1f31-7b2a-7e10-9c44-5d6e7f8a9b0c',
  damaged: '0199c4d5-e6f7-7081-92a3-b4c5d6e7f809',
} as const;
