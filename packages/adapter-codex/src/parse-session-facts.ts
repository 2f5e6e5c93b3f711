import { asRecord, createSession, type JsonRecord, num, type Session, str, toIsoTime } from '@convx/core';
import type { Emitted } from './parse-emitted.js';
import { utcOffsetOf } from './paths.js';
import type { CodexFormat, SessionFacts, SubagentFacts } from './types.js';

export const newFacts = (): SessionFacts => ({ otherIds: [] });

/**
 * Merges a header: the bare first line of 2025 JSONL files, the `session` object of single-JSON files, or a
 * `session_meta` payload. The first header wins; a later one (a resumed or forked file) only fills gaps.
 */
export function applyHeader(facts: SessionFacts, header: JsonRecord): void {
  const id = str(header.id);
  if (id && facts.id === undefined) facts.id = id;
  else if (id && id !== facts.id && !facts.otherIds.includes(id)) facts.otherIds.push(id);
  const git = asRecord(header.git);
  const instructions = str(header.instructions) ?? str(header.user_instructions);
  fill(facts, 'timestamp', str(header.timestamp));
  fill(facts, 'cwd', str(header.cwd));
  fill(facts, 'gitBranch', str(git?.branch));
  fill(facts, 'gitCommit', str(git?.commit_hash));
  fill(facts, 'repositoryUrl', str(git?.repository_url));
  fill(facts, 'cliVersion', str(header.cli_version));
  fill(facts, 'originator', str(header.originator));
  fill(facts, 'modelProvider', str(header.model_provider));
  fill(facts, 'instructions', instructions?.trim() ? instructions : undefined);
  // base_instructions is Codex's own system prompt, the same tens of KB in every session: not kept.
  if (facts.source === undefined && header.source !== undefined) readSource(facts, header.source);
}

function fill<K extends keyof SessionFacts>(facts: SessionFacts, key: K, value: SessionFacts[K]): void {
  if (facts[key] === undefined && value !== undefined && value !== '') facts[key] = value;
}

/** `source` is `cli`, `vscode`, `exec`… or `{subagent: "review" | {thread_spawn: {…}}}`. */
function readSource(facts: SessionFacts, source: unknown): void {
  if (typeof source === 'string') {
    facts.source = source;
    return;
  }
  const subagent = asRecord(source)?.subagent;
  if (subagent === undefined) return;
  facts.source = 'subagent';
  const spawn = asRecord(asRecord(subagent)?.thread_spawn);
  const info: SubagentFacts = {
    kind: typeof subagent === 'string' ? subagent : spawn ? 'thread_spawn' : 'other',
  };
  if (spawn) {
    const parent = str(spawn.parent_thread_id);
    const depth = num(spawn.depth);
    const nickname = str(spawn.agent_nickname);
    const role = str(spawn.agent_role);
    if (parent) info.parentThreadId = parent;
    if (depth !== undefined) info.depth = depth;
    if (nickname) info.nickname = nickname;
    if (role) info.role = role;
  }
  facts.subagent = info;
}

export function applyTurnContext(facts: SessionFacts, payload: JsonRecord): void {
  fill(facts, 'turnCwd', str(payload.cwd));
}

export interface BuildInput {
  sessionId: string;
  path: string;
  format: CodexFormat;
  facts: SessionFacts;
  /** What the streamed messages left behind: their time span and environment cwd. */
  emitted: Emitted;
  models: string[];
  diagnostics: Session['diagnostics'];
}

/**
 * Assembles the session, without messages (they were streamed): cwd from the header, else turn_context,
 * else the environment block; the start from the header, else the first message.
 */
export function buildSession(input: BuildInput): Session {
  const { facts, emitted } = input;
  return createSession({
    source: 'codex',
    sessionId: input.sessionId,
    title: subagentTitle(facts.subagent),
    cwd: facts.cwd ?? facts.turnCwd ?? emitted.environmentCwd,
    startedAt: toIsoTime(facts.timestamp) ?? emitted.span.startedAt,
    endedAt: emitted.span.endedAt,
    models: input.models,
    gitBranch: facts.gitBranch,
    sourceLocation: { path: input.path },
    messages: [],
    diagnostics: input.diagnostics,
    meta: sessionMeta(input),
  });
}

/** Codex has no titles; a subagent is best named by its nickname and role. */
function subagentTitle(subagent: SubagentFacts | undefined): string | undefined {
  if (!subagent?.nickname) return subagent?.role;
  return subagent.role ? `${subagent.nickname} (${subagent.role})` : subagent.nickname;
}

function sessionMeta({ facts, format, path }: BuildInput): Record<string, unknown> {
  const meta: Record<string, unknown> = { format };
  const put = (key: string, value: unknown) => {
    if (value !== undefined) meta[key] = value;
  };
  put('cliVersion', facts.cliVersion);
  put('originator', facts.originator);
  put('sessionSource', facts.source);
  put('modelProvider', facts.modelProvider);
  put('gitCommit', facts.gitCommit);
  // The offset of the machine's clock, for transcripts in the session's own local time.
  put('utcOffset', utcOffsetOf(path, facts.timestamp));
  put('repositoryUrl', facts.repositoryUrl);
  if (facts.id && facts.otherIds.length) put('otherSessionIds', [...facts.otherIds]);
  if (/[\\/]archived_sessions[\\/]/.test(path)) meta.archived = true;
  const sub = facts.subagent;
  if (sub) {
    put('subagent', sub.kind);
    put('parentThreadId', sub.parentThreadId);
    put('agentNickname', sub.nickname);
    put('agentRole', sub.role);
    put('subagentDepth', sub.depth);
  }
  return meta;
}
