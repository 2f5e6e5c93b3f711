import { join } from 'node:path';
import { childStems } from '@convx/render-md';
import type { ChildInfo, TranscriptPage } from '../shared/api.js';
import type { OutlineCache } from './cache.js';
import { readMessages } from './messages.js';
import type { TwinNode } from './outline.js';
import { resumeCommand } from './resume.js';
import { agentIdOf } from './spawns.js';

/** What the transcript needs to know of an indexed session (a subset of `@convx/search`'s SessionSummary). */
export interface IndexedSession {
  key: string;
  source: string;
  sessionId: string;
  title: string;
  user: string | null;
  machine: string | null;
  path: string;
  twinPath: string;
}

export interface PageRequest {
  /** `''` for the session, `0`, `0.1` for a subagent. */
  agent: string;
  offset: number;
  limit: number;
}

/** Thrown for an `agent` address the session does not have. */
export class UnknownAgentError extends Error {}

/** Finds the node at a subagent address, with the nodes passed on the way (its trail). */
export function nodeAt(
  root: TwinNode,
  agent: string,
): { node: TwinNode; trail: TwinNode[]; stems: string[] } {
  let node = root;
  const trail: TwinNode[] = [];
  const stems: string[] = [];
  if (agent === '') return { node, trail, stems };
  for (const step of agent.split('.')) {
    if (!/^\d{1,6}$/.test(step)) throw new UnknownAgentError(`no subagent ${agent}`);
    const index = Number(step);
    const child = node.children[index];
    if (!child) throw new UnknownAgentError(`no subagent ${agent}`);
    stems.push(childStems(node.children.map(agentIdOf))[index] ?? `agent-${index + 1}`);
    trail.push(node);
    node = child;
  }
  return { node, trail, stems };
}

/** A page of a session (or one of its subagents), read from its twin. */
export async function transcriptPage(
  outputRoot: string,
  session: IndexedSession,
  cache: OutlineCache,
  request: PageRequest,
): Promise<TranscriptPage> {
  const twinPath = join(outputRoot, session.twinPath);
  const outline = await cache.get(twinPath);
  const { node, trail, stems } = nodeAt(outline.root, request.agent);
  const total = node.inline?.length ?? node.starts.length;
  const offset = Math.max(0, Math.min(request.offset, total));
  const slice = await readMessages(twinPath, node, offset, request.limit);
  const spawnedBy = await cache.spawns(twinPath, node);
  const h = node.header;
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  const agentRecord =
    typeof h.agent === 'object' && h.agent !== null ? (h.agent as Record<string, unknown>) : {};
  const root = outline.root.header;
  const cwd = text(root.cwd);
  const children = node.children.map(
    (child, index): ChildInfo => ({
      agent: request.agent === '' ? String(index) : `${request.agent}.${index}`,
      sessionId: String(child.header.sessionId ?? ''),
      title: childTitle(child),
      type: text(record(child.header.agent).type),
      description: text(record(child.header.agent).description),
      startedAt: text(child.header.startedAt),
      messageCount: child.inline?.length ?? child.starts.length,
      spawnedBy: spawnedBy[index] ?? null,
    }),
  );
  const markdown = join(outputRoot, session.path);
  return {
    key: session.key,
    agent: request.agent,
    trail: trail.map((parent, depth) => ({
      agent: request.agent.split('.').slice(0, depth).join('.'),
      title: depth === 0 ? session.title : childTitle(parent),
    })),
    title: request.agent === '' ? session.title : childTitle(node),
    source: session.source,
    sessionId: String(h.sessionId ?? session.sessionId),
    cwd: text(h.cwd) ?? cwd,
    models: Array.isArray(h.models) ? h.models.filter((m): m is string => typeof m === 'string') : [],
    branch: text(h.gitBranch),
    startedAt: text(h.startedAt),
    endedAt: text(h.endedAt),
    agentType: text(agentRecord.type),
    user: session.user,
    machine: session.machine,
    markdownPath: stems.length ? `${join(markdown.slice(0, -'.md'.length), ...stems)}.md` : markdown,
    resume: resumeCommand(session.source, session.sessionId, cwd),
    total,
    kinds: node.kinds,
    offset,
    messages: slice.messages,
    clipped: slice.clipped,
    children,
    diagnostics: Array.isArray(h.diagnostics) ? h.diagnostics : [],
  };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function childTitle(child: TwinNode): string {
  const agent = record(child.header.agent);
  for (const candidate of [child.header.title, agent.description, agent.type]) {
    if (typeof candidate === 'string' && candidate.trim()) return candidate.trim();
  }
  return `Subagent ${agentIdOf(child)}`;
}
