import { firstTypedPrompt, type Message, type Session, type ToolResultMessage } from '@convx/core';
import { oneLine } from './markdown.js';

/** A child session and the file stem it renders to (`agent-<sanitized id>`), unique among its siblings. */
export interface ChildFile {
  session: Session;
  stem: string;
}

/** Tools that spawn subagents: `Task`/`Agent` (Claude Code), `task` (OpenCode), `spawn_agent`… */
const AGENT_TOOL = /^task$|agent/i;

/** The child's agent id, or its session id when the adapter left `agent` out. */
export function agentId(child: Session): string {
  return child.agent?.id ?? child.sessionId;
}

/** `agent-<id>` with the id reduced to `[A-Za-z0-9._-]`, bounded, and de-duplicated among siblings. */
export function childFiles(children: readonly Session[]): ChildFile[] {
  const used = new Set<string>();
  return children.map((session, index) => {
    const clean =
      agentId(session)
        .replace(/[^A-Za-z0-9._-]+/g, '_')
        .replace(/\.{2,}/g, '.')
        .replace(/^[.]+|[.]+$/g, '')
        .slice(0, 64) || `${index + 1}`;
    let stem = `agent-${clean}`;
    for (let n = 2; used.has(stem.toLowerCase()); n++) stem = `agent-${clean}-${n}`;
    used.add(stem.toLowerCase());
    return { session, stem };
  });
}

const norm = (text: string | undefined) => oneLine(text ?? '').toLowerCase();

function inputField(input: unknown, key: string): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const value = (input as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Finds the tool call that spawned each child: a call whose id is the agent id, whose result names the agent
 * id (Claude Code writes `agentId: <id>`), or an agent-spawning call (Task/Agent…) whose description or prompt
 * matches the child's. Returns call message index → child index; each side is matched at most once.
 */
export function matchSpawningCalls(
  messages: readonly Message[],
  children: readonly Session[],
  resultFor: (callId: string | undefined) => ToolResultMessage | undefined,
): Map<number, number> {
  const byCall = new Map<number, number>();
  const calls = messages.flatMap((m, index) => (m.kind === 'tool-call' ? [{ m, index }] : []));
  type Call = (typeof calls)[number]['m'];
  const spawnsAgents = (call: Call) =>
    AGENT_TOOL.test(call.name) || inputField(call.input, 'subagent_type') !== undefined;
  interface Wanted {
    id: string;
    pattern: RegExp;
    /** The child's description and first prompt, normalized, to compare with a spawning call's input. */
    texts: string[];
  }
  const rules: Array<(call: Call, wanted: Wanted) => boolean> = [
    (call, wanted) => call.callId !== undefined && call.callId === wanted.id,
    (call, wanted) => {
      if (wanted.id.length < 6 || !spawnsAgents(call)) return false;
      const output = resultFor(call.callId)?.output;
      return output !== undefined && wanted.pattern.test(output);
    },
    (call, wanted) => {
      if (!spawnsAgents(call)) return false;
      const offered = ['description', 'prompt'].map((k) => norm(inputField(call.input, k))).filter(Boolean);
      return offered.some((text) => wanted.texts.includes(text));
    },
  ];
  const wanted: Wanted[] = children.map((child) => ({
    id: agentId(child),
    pattern: new RegExp(`(^|[^A-Za-z0-9])${escapeRegExp(agentId(child))}($|[^A-Za-z0-9])`),
    texts: [child.agent?.description, firstTypedPrompt(child.messages)].map(norm).filter(Boolean),
  }));
  const claimed = new Set<number>();
  for (const rule of rules) {
    wanted.forEach((child, childIndex) => {
      if (claimed.has(childIndex)) return;
      const hit = calls.find(({ m, index }) => !byCall.has(index) && rule(m, child));
      if (!hit) return;
      byCall.set(hit.index, childIndex);
      claimed.add(childIndex);
    });
  }
  return byCall;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
