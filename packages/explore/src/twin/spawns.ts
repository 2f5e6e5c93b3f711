import { readMessages } from './messages.js';
import type { TwinNode } from './outline.js';

/** Tools that spawn subagents: `Task`/`Agent` (Claude Code), `task` (OpenCode), `spawn_agent` (Codex)… */
const AGENT_TOOL = /^task$|agent/i;
/** Tool messages larger than this are not read to match subagents. */
const MAX_LINE = 4 << 20;

interface Call {
  index: number;
  callId: string | undefined;
  spawns: boolean;
  texts: string[];
}

const norm = (text: unknown) =>
  typeof text === 'string' ? text.replace(/\s+/g, ' ').trim().toLowerCase() : '';
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** The child's agent id, or its session id when the adapter recorded no `agent`. */
export function agentIdOf(child: TwinNode): string {
  const id = record(child.header.agent).id;
  return typeof id === 'string' ? id : String(child.header.sessionId ?? '');
}

/**
 * For each child of `node`, the index of the tool call that spawned it (or null): a call whose id the child
 * records (`meta.callId`) or that equals its agent id, a spawning call whose result names the agent id, or a
 * spawning call whose description or prompt is the child's. Reads only the node's tool messages, one by one.
 * Each call spawns at most one child; earlier calls are matched first — the same rules as the Markdown.
 */
export async function matchSpawns(path: string, node: TwinNode): Promise<(number | null)[]> {
  if (node.children.length === 0) return [];
  const calls: Call[] = [];
  const results = new Map<string, string>();
  for (let i = 0; i < node.kinds.length; i++) {
    const letter = node.kinds[i];
    if (letter !== 't' && letter !== 'r') continue;
    if (!node.inline && (node.ends[i] ?? 0) - (node.starts[i] ?? 0) > MAX_LINE) continue;
    const message = record((await readMessages(path, node, i, 1)).messages[0]);
    const callId = typeof message.callId === 'string' ? message.callId : undefined;
    if (letter === 'r') {
      if (callId !== undefined && !results.has(callId) && typeof message.output === 'string') {
        results.set(callId, message.output);
      }
      continue;
    }
    const input = record(message.input);
    const spawns =
      AGENT_TOOL.test(typeof message.name === 'string' ? message.name : '') || 'subagent_type' in input;
    calls.push({
      index: i,
      callId,
      spawns,
      texts: [norm(input.description), norm(input.prompt)].filter(Boolean),
    });
  }
  const wanted = node.children.map((child) => {
    const id = agentIdOf(child);
    const meta = record(child.header.meta);
    return {
      id,
      hint: typeof meta.callId === 'string' ? meta.callId : undefined,
      pattern: new RegExp(`(^|[^A-Za-z0-9])${escapeRegExp(id)}($|[^A-Za-z0-9])`),
      texts: [norm(record(child.header.agent).description), norm(child.header.title)].filter(Boolean),
    };
  });
  const rules: ((call: Call, child: (typeof wanted)[number]) => boolean)[] = [
    (call, child) => call.callId !== undefined && (call.callId === child.hint || call.callId === child.id),
    (call, child) =>
      call.spawns &&
      call.callId !== undefined &&
      child.id.length >= 6 &&
      child.pattern.test(results.get(call.callId) ?? ''),
    (call, child) => call.spawns && call.texts.some((text) => child.texts.includes(text)),
  ];
  const spawnedBy: (number | null)[] = wanted.map(() => null);
  const taken = new Set<number>();
  for (const rule of rules) {
    wanted.forEach((child, c) => {
      if (spawnedBy[c] !== null) return;
      const call = calls.find((candidate) => !taken.has(candidate.index) && rule(candidate, child));
      if (!call) return;
      spawnedBy[c] = call.index;
      taken.add(call.index);
    });
  }
  return spawnedBy;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
