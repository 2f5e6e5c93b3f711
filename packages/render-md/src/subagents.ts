import { firstTypedPrompt, type Message, type Session } from '@convx/core';
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

/**
 * The file stems of a session's children, from their agent ids: `agent-<id>` with the id reduced to
 * `[A-Za-z0-9._-]`, bounded, and de-duplicated among siblings. Exported so a viewer can name a subagent's
 * Markdown file exactly as this renderer writes it.
 */
export function childStems(agentIds: readonly string[]): string[] {
  const used = new Set<string>();
  return agentIds.map((id, index) => {
    const clean =
      id
        .replace(/[^A-Za-z0-9._-]+/g, '_')
        .replace(/\.{2,}/g, '.')
        .replace(/^[.]+|[.]+$/g, '')
        .slice(0, 64) || `${index + 1}`;
    let stem = `agent-${clean}`;
    for (let n = 2; used.has(stem.toLowerCase()); n++) stem = `agent-${clean}-${n}`;
    used.add(stem.toLowerCase());
    return stem;
  });
}

/** Each child with the file stem it renders to. */
export function childFiles(children: readonly Session[]): ChildFile[] {
  const stems = childStems(children.map(agentId));
  return children.map((session, index) => ({ session, stem: stems[index] ?? `agent-${index + 1}` }));
}

const norm = (text: string | undefined) => oneLine(text ?? '').toLowerCase();

function inputField(input: unknown, key: string): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const value = (input as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

/** What matching needs to know of one tool call: a few ids and numbers, never its input. */
interface CallFacts {
  index: number;
  callId: string | undefined;
  spawnsAgents: boolean;
  /** Children whose description or first prompt this call's description or prompt equals. */
  offers: number[];
}

interface Wanted {
  id: string;
  pattern: RegExp;
  /** The child's description and first prompt, normalized, to compare with a spawning call's input. */
  texts: string[];
}

/**
 * Finds the tool call that spawned each child: a call whose id is the agent id, whose result names the agent
 * id (Claude Code writes `agentId: <id>`), or an agent-spawning call (Task/Agent…) whose description or prompt
 * matches the child's. Fed one message at a time (`observe`), it keeps only small facts about the calls that
 * could match and the children each result names, so a whole session never has to be held; `match()` then
 * gives call message index → child index, each side matched at most once, the earliest call first.
 */
export class SpawnMatcher {
  readonly #wanted: Wanted[];
  readonly #childIds: Set<string>;
  readonly #calls: CallFacts[] = [];
  /** Call ids whose first result was seen: only the first result of a call counts. */
  readonly #resultsSeen = new Set<string>();
  /** Call id → children whose agent id its first result names. */
  readonly #named = new Map<string, number[]>();

  constructor(children: readonly Session[]) {
    this.#wanted = children.map((child) => ({
      id: agentId(child),
      pattern: new RegExp(`(^|[^A-Za-z0-9])${escapeRegExp(agentId(child))}($|[^A-Za-z0-9])`),
      texts: [child.agent?.description, firstTypedPrompt(child.messages)].map(norm).filter(Boolean),
    }));
    this.#childIds = new Set(this.#wanted.map((w) => w.id));
  }

  observe(message: Message, index: number): void {
    if (message.kind === 'tool-call') {
      const spawnsAgents =
        AGENT_TOOL.test(message.name) || inputField(message.input, 'subagent_type') !== undefined;
      if (!spawnsAgents && !(message.callId !== undefined && this.#childIds.has(message.callId))) return;
      this.#calls.push({
        index,
        callId: message.callId,
        spawnsAgents,
        offers: spawnsAgents ? this.#offers(message.input) : [],
      });
    } else if (message.kind === 'tool-result' && message.callId !== undefined) {
      if (this.#resultsSeen.has(message.callId)) return;
      this.#resultsSeen.add(message.callId);
      const named = this.#wanted.flatMap((w, child) =>
        w.id.length >= 6 && w.pattern.test(message.output) ? [child] : [],
      );
      if (named.length) this.#named.set(message.callId, named);
    }
  }

  match(): Map<number, number> {
    const rules: Array<(call: CallFacts, child: number) => boolean> = [
      (call, child) => call.callId !== undefined && call.callId === this.#wanted[child]?.id,
      (call, child) =>
        call.spawnsAgents &&
        call.callId !== undefined &&
        (this.#named.get(call.callId)?.includes(child) ?? false),
      (call, child) => call.spawnsAgents && call.offers.includes(child),
    ];
    const byCall = new Map<number, number>();
    const claimed = new Set<number>();
    for (const rule of rules) {
      this.#wanted.forEach((_, child) => {
        if (claimed.has(child)) return;
        const hit = this.#calls.find((call) => !byCall.has(call.index) && rule(call, child));
        if (!hit) return;
        byCall.set(hit.index, child);
        claimed.add(child);
      });
    }
    return byCall;
  }

  #offers(input: unknown): number[] {
    const offered = ['description', 'prompt'].map((k) => norm(inputField(input, k))).filter(Boolean);
    if (!offered.length) return [];
    return this.#wanted.flatMap((w, child) =>
      offered.some((text) => w.texts.includes(text)) ? [child] : [],
    );
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
