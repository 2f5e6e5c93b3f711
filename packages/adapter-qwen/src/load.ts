import {
  type AdapterContext,
  asRecord,
  assignDefined,
  ConvxError,
  createSession,
  type JsonRecord,
  type Message,
  type MessageSink,
  num,
  type Session,
  type SessionRef,
  str,
  TimeSpan,
} from '@convx/core';
import { convertChatRecord } from './parse.js';
import { convertSystemRecord, type SystemFacts } from './parse-system.js';
import type { QwenRefData, TokenTotals } from './types.js';

/** A subagent's records, gathered while the parent's messages stream on. */
interface Sidechain {
  agentId: string;
  name?: string;
  messages: Message[];
}

/**
 * Streams one chat file: the main conversation's messages go to `emit` as each record is read; subagent
 * records (`isSidechain`, in the same file) are gathered into child sessions, one per `agentId`. A record
 * repeated with the same `uuid` (Qwen Code re-appends some near the end) counts once.
 */
export async function streamSession(
  ctx: AdapterContext,
  ref: SessionRef<QwenRefData>,
  emit: MessageSink,
  source = 'qwen',
): Promise<Session> {
  const data = ref.data;
  if (!data?.file)
    throw new ConvxError(
      'INVALID_SESSION',
      `${source}: ${ref.path} was not discovered by this adapter`,
      source,
    );
  const diagnostics = ctx.diagnostics();
  const facts: SystemFacts = {};
  const seen = new Set<string>();
  const sidechains = new Map<string, Sidechain>();
  const models: string[] = [];
  const span = new TimeSpan();
  const tokens: TokenTotals = { promptTokens: 0, outputTokens: 0, thoughtsTokens: 0, cachedTokens: 0 };
  let counted = false;
  const head: { cwd?: string; gitBranch?: string; version?: string; forkedFrom?: string } = {};

  await ctx.eachJsonl(
    data.file,
    (value, line) => {
      const record = asRecord(value);
      if (!record || typeof record.type !== 'string') {
        diagnostics.add('unknown-record', 'a line that is not a chat record was skipped', {
          path: data.file,
          line,
        });
        return;
      }
      const uuid = str(record.uuid);
      if (uuid) {
        if (seen.has(uuid)) return;
        seen.add(uuid);
      }
      noteHead(head, record);
      const messages =
        record.type === 'system'
          ? convertSystemRecord(record, facts)
          : convertChatRecord(record, ctx.attachment);
      const agentId = str(record.agentId);
      if (record.isSidechain === true || agentId) {
        const id = agentId ?? 'subagent';
        let chain = sidechains.get(id);
        if (!chain) {
          chain = { agentId: id, messages: [] };
          const name = str(record.agentName);
          if (name) chain.name = name;
          sidechains.set(id, chain);
        }
        chain.messages.push(...messages);
        return;
      }
      if (record.type === 'assistant') counted = addTokens(tokens, record) || counted;
      for (const message of messages) {
        span.add(message.timestamp);
        if (message.model && !models.includes(message.model)) models.push(message.model);
        emit(message);
      }
    },
    diagnostics,
  );

  const children = [...sidechains.values()].map((chain) =>
    createSession({
      source,
      sessionId: `${ref.sessionId}-${chain.agentId}`,
      sourceLocation: { path: data.file, locator: `agentId:${chain.agentId}` },
      cwd: head.cwd,
      models: modelsOf(chain.messages),
      messages: chain.messages,
      agent: { id: chain.agentId, ...(chain.name ? { type: chain.name } : {}) },
    }),
  );
  const meta: Record<string, unknown> = {};
  assignDefined(meta, {
    version: head.version,
    projectDir: data.projectDir,
    forkedFrom: head.forkedFrom,
    parentSessionId: facts.parentSessionId,
    tokens: counted ? tokens : undefined,
  });
  return createSession({
    source,
    sessionId: ref.sessionId,
    sourceLocation: { path: data.file },
    title: facts.title?.text,
    cwd: head.cwd,
    gitBranch: head.gitBranch,
    startedAt: span.startedAt,
    endedAt: span.endedAt,
    models,
    messages: [],
    diagnostics: diagnostics.list(),
    children,
    meta,
  });
}

/** The first cwd, branch and fork origin seen; the latest CLI version. */
function noteHead(
  head: { cwd?: string; gitBranch?: string; version?: string; forkedFrom?: string },
  record: JsonRecord,
) {
  head.cwd ??= str(record.cwd) || undefined;
  head.gitBranch ??= str(record.gitBranch) || undefined;
  head.version = str(record.version) ?? head.version;
  head.forkedFrom ??= str(asRecord(record.forkedFrom)?.sessionId);
}

function addTokens(tokens: TokenTotals, record: JsonRecord): boolean {
  const usage = asRecord(record.usageMetadata);
  if (!usage) return false;
  tokens.promptTokens += num(usage.promptTokenCount) ?? 0;
  tokens.outputTokens += num(usage.candidatesTokenCount) ?? 0;
  tokens.thoughtsTokens += num(usage.thoughtsTokenCount) ?? 0;
  tokens.cachedTokens += num(usage.cachedContentTokenCount) ?? 0;
  return true;
}

function modelsOf(messages: Message[]): string[] {
  const models: string[] = [];
  for (const m of messages) if (m.model && !models.includes(m.model)) models.push(m.model);
  return models;
}
