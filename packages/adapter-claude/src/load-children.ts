import type { AdapterContext, DiagnosticsCollector, Session } from '@convx/core';
import { createSession, isRecord, str } from '@convx/core';
import { readRecords } from './load-records.js';
import { TranscriptParser } from './parse.js';
import type { SavedOutputs } from './parse-blocks.js';
import type { AgentCall } from './parse-tool-calls.js';
import type { ChildPlan } from './types.js';

export const SOURCE = 'claude';

/** Internal subagents Claude Code starts by itself carry their kind in the id's prefix. */
const INTERNAL_AGENTS: Array<[prefix: string, type: string]> = [
  ['aprompt_suggestion-', 'prompt_suggestion'],
  ['acompact-', 'compact'],
  ['aside_question-', 'side_question'],
];

/**
 * Sidechain records written inside a main transcript (older versions) are routed to their own child
 * parser rather than shown as the parent's messages: keyed by `agentId`, else by the chain of
 * `parentUuid`s they form (a new root starts a new sidechain).
 */
export class Sidechains {
  readonly parsers = new Map<string, TranscriptParser>();
  private readonly chainOf = new Map<string, string>();

  constructor(
    private readonly ctx: AdapterContext,
    private readonly savedOutputs: SavedOutputs,
  ) {}

  async add(record: Record<string, unknown>): Promise<void> {
    const parent = str(record.parentUuid);
    const key =
      str(record.agentId) ??
      (parent ? this.chainOf.get(parent) : undefined) ??
      `sidechain-${this.parsers.size + 1}`;
    const uuid = str(record.uuid);
    if (uuid) this.chainOf.set(uuid, key);
    let parser = this.parsers.get(key);
    if (!parser) {
      parser = new TranscriptParser(this.ctx, this.savedOutputs);
      this.parsers.set(key, parser);
    }
    await parser.add(record);
  }

  /** Hands over the parser already holding an agent's inline records, so its file extends it. */
  take(agentId: string): TranscriptParser | undefined {
    const parser = this.parsers.get(agentId);
    this.parsers.delete(agentId);
    return parser;
  }
}

/** A subagent as a child session: its files parsed like any transcript, identity from `.meta.json` or its call. */
export async function loadChild(
  ctx: AdapterContext,
  parentId: string,
  plan: ChildPlan,
  calls: ReadonlyMap<string, AgentCall>,
  parser: TranscriptParser,
): Promise<Session> {
  const diagnostics = ctx.diagnostics();
  await readRecords(ctx, plan.files, diagnostics, (record) => parser.add(record));
  const meta = plan.metaPath ? await readMeta(ctx, plan.metaPath, diagnostics) : {};
  return childSession(parentId, plan.agentId, parser, calls.get(plan.agentId), meta, {
    path: plan.files[0]?.path ?? plan.agentId,
    extraPaths: plan.files.slice(1).map((f) => f.path),
    diagnostics,
  });
}

export function childSession(
  parentId: string,
  agentId: string,
  parser: TranscriptParser,
  call: AgentCall | undefined,
  meta: { type?: string; description?: string },
  where: { path: string; extraPaths: string[]; diagnostics?: DiagnosticsCollector },
): Session {
  parser.finish(); // a subagent is kept whole: its last merged assistant text too
  const type = meta.type ?? call?.type ?? INTERNAL_AGENTS.find(([p]) => agentId.startsWith(p))?.[1];
  const description = meta.description ?? call?.description;
  const agent: NonNullable<Session['agent']> = { id: agentId };
  if (type) agent.type = type;
  if (description) agent.description = description;
  return createSession({
    source: SOURCE,
    sessionId: `${parentId}/agent-${agentId}`,
    title: description,
    cwd: parser.cwd,
    models: parser.models,
    gitBranch: parser.gitBranch,
    sourceLocation: where.extraPaths.length
      ? { path: where.path, extraPaths: where.extraPaths }
      : { path: where.path },
    messages: parser.messages,
    diagnostics: where.diagnostics?.list() ?? [],
    agent,
    meta: call ? { callId: call.callId } : {},
  });
}

async function readMeta(
  ctx: AdapterContext,
  path: string,
  diagnostics: DiagnosticsCollector,
): Promise<{ type?: string; description?: string }> {
  try {
    const value = await ctx.readJson(path);
    if (!isRecord(value)) return {};
    const out: { type?: string; description?: string } = {};
    const type = str(value.agentType);
    const description = str(value.description);
    if (type) out.type = type;
    if (description) out.description = description;
    return out;
  } catch {
    diagnostics.add('unreadable-meta', 'subagent .meta.json is not valid JSON; ignored', { path });
    return {};
  }
}
