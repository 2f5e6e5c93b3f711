import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createAdapterContext,
  type DiscoveryCache,
  discoveredRefs,
  type Message,
  type Session,
  type SessionRef,
  type SourceProblem,
} from '@convx/core';
import { type CursorRefData, cursorAdapter } from '../src/index.js';
import { buildHome, type HomeSpec } from './fixtures/build-home.js';

const here = dirname(fileURLToPath(import.meta.url));

/** The committed fixture home of the repository. */
export const FIXTURES_HOME = join(here, '..', '..', '..', 'fixtures', 'home');

/** The demo description the committed fixtures are built from. */
export function demoSpec(): HomeSpec {
  return JSON.parse(readFileSync(join(here, 'fixtures', 'demo-home.json'), 'utf8')) as HomeSpec;
}

/** A temp home built from a description; `cleanup` removes it. */
export async function tempHome(
  spec: HomeSpec,
): Promise<{ home: string; user: string; cleanup: () => Promise<void> }> {
  const home = await mkdtemp(join(tmpdir(), 'convx-cursor-'));
  const user = buildHome(home, spec);
  return { home, user, cleanup: () => rm(home, { recursive: true, force: true }) };
}

export interface Run {
  refs: SessionRef<CursorRefData>[];
  problems: SourceProblem[];
}

/** Discovers with a fresh context (or the given cache), collecting reported problems. */
export async function discover(home: string, user: string, cache?: DiscoveryCache): Promise<Run> {
  const problems: Run['problems'] = [];
  const ctx = createAdapterContext({ home, onProblem: (p) => problems.push(p), ...(cache ? { cache } : {}) });
  const refs = await discoveredRefs(cursorAdapter.discover(ctx, [user]));
  return { refs, problems };
}

/** Discovers and loads everything, keyed by session id. */
export async function loadAll(home: string, user: string): Promise<Run & { sessions: Map<string, Session> }> {
  const run = await discover(home, user);
  const ctx = createAdapterContext({ home });
  const sessions = new Map<string, Session>();
  for (const ref of run.refs) sessions.set(ref.sessionId, await cursorAdapter.load(ctx, ref));
  return { ...run, sessions };
}

/** The one session with this id, or a failed test. */
export function get(sessions: Map<string, Session>, id: string): Session {
  const session = sessions.get(id);
  if (!session) throw new Error(`session ${id} was not exported; got ${[...sessions.keys()].join(', ')}`);
  return session;
}

/** The discovered ref with this id, or a failed test. */
export function refFor(refs: SessionRef<CursorRefData>[], id: string): SessionRef<CursorRefData> {
  const ref = refs.find((r) => r.sessionId === id);
  if (!ref) throw new Error(`session ${id} was not discovered`);
  return ref;
}

/** Messages as short `kind/role: text` lines, for readable assertions. */
export function outline(session: Session): string[] {
  return session.messages.map(describeMessage);
}

function describeMessage(m: Message): string {
  switch (m.kind) {
    case 'text':
      return `text/${m.role}: ${m.text}`;
    case 'thinking':
      return `thinking: ${m.text}`;
    case 'tool-call':
      return `tool-call ${m.name}: ${JSON.stringify(m.input)}`;
    case 'tool-result':
      return `tool-result${m.isError ? ' (error)' : ''}: ${m.output}`;
    case 'context':
      return `context ${m.label}: ${m.text}`;
    case 'event':
      return `event ${m.event}: ${m.text ?? ''}`;
  }
}
