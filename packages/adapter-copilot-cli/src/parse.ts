import {
  type AdapterContext,
  arr,
  asRecord,
  type JsonRecord,
  type MessageSink,
  num,
  str,
  toIsoTime,
} from '@convx/core';
import { isTypedSource, typedText, userAttachments } from './parse-text.js';
import { errorText, executionOutcome, toolInput } from './parse-tools.js';
import { type Agent, Subagents } from './subagents.js';
import { type Stamp, Transcript } from './transcript.js';
import type { ParseSettings, SessionFacts } from './types.js';

/**
 * Turns Copilot CLI session events (`{type, data, id, timestamp, agentId?}`, one per line of
 * `events.jsonl` or a bare `<id>.jsonl`) into messages. The session's own messages go to `emit` as each
 * event settles them; subagents' events go to transcripts of their own (see {@link Subagents}). Unknown
 * event types are ignored; `system.message` (the system prompt) is never shown.
 */
export class EventParser {
  readonly facts: SessionFacts = {};
  readonly main: Transcript;
  readonly agents: Subagents;
  /** The `prompt` argument of each call that had one: a subagent's first message is its call's prompt. */
  private readonly prompts = new Map<string, string>();
  /** Calls whose `tool.execution_start` came without a request: shown when they start. */
  private readonly startedNames = new Map<string, string>();

  constructor(
    private readonly ctx: AdapterContext,
    emit: MessageSink,
    private readonly settings: ParseSettings,
  ) {
    this.main = new Transcript(emit);
    this.agents = new Subagents(this.main);
  }

  apply(record: JsonRecord): void {
    const type = str(record.type);
    const data = asRecord(record.data) ?? {};
    if (!type) return;
    const stamp: Stamp = { id: str(record.id), timestamp: toIsoTime(record.timestamp) };
    // Its `agentId` names the agent it starts: routing by it would open that agent too early.
    if (type === 'subagent.started') {
      this.subagentStarted(record, data, stamp);
      return;
    }
    const owner = this.agents.ownerOf(str(record.agentId), str(data.parentToolCallId));
    const t = this.agents.transcriptOf(owner);
    switch (type) {
      case 'session.start':
      case 'session.resume':
        this.sessionStart(data);
        return;
      case 'user.message':
        this.userMessage(t, data, stamp);
        return;
      case 'assistant.turn_start':
        t.nextTurn();
        return;
      case 'assistant.reasoning': {
        const text = str(data.content);
        if (text) t.thinking(text, stamp);
        return;
      }
      case 'assistant.message':
        this.assistantMessage(t, owner, data, stamp);
        return;
      case 'tool.execution_start':
        this.executionStart(t, owner, data, stamp);
        return;
      case 'tool.execution_complete':
        this.executionComplete(t, data, stamp);
        return;
      case 'subagent.failed': {
        const callId = str(data.toolCallId);
        if (!callId) return;
        const agent = this.agents.agent(callId);
        agent.failed = true;
        agent.transcript.event(
          'error',
          `Subagent failed: ${errorText(data.error) ?? 'no reason given'}`,
          stamp,
        );
        return;
      }
      case 'session.model_change': {
        const next = str(data.newModel);
        const previous = str(data.previousModel);
        t.useModel(next);
        if (next)
          t.event(
            'info',
            previous ? `Model changed from ${previous} to ${next}` : `Model set to ${next}`,
            stamp,
          );
        return;
      }
      case 'session.error':
        t.event('error', errorText(data) ?? str(data.errorType), stamp);
        return;
      case 'session.warning':
        t.event('warning', str(data.message), stamp);
        return;
      case 'session.info':
        t.event('info', str(data.message), stamp);
        return;
      case 'abort': {
        const reason = str(data.reason);
        t.event('abort', reason ? `Aborted (${reason.replace(/_/g, ' ')})` : 'Aborted', stamp);
        return;
      }
      case 'session.compaction_complete':
        this.compacted(t, data, stamp);
        return;
      case 'skill.invoked': {
        const content = str(data.content);
        if (content) t.context(`Skill ${str(data.name) ?? ''}`.trim(), content, stamp);
        return;
      }
      case 'session.title_changed': {
        const title = str(data.title)?.trim();
        if (title) this.facts.title = title;
        return;
      }
      case 'session.shutdown':
        this.shutdown(t, data);
        return;
      default:
        // system.message (the system prompt), hooks, permissions, deltas, usage: not conversation.
        return;
    }
  }

  private sessionStart(data: JsonRecord): void {
    const f = this.facts;
    f.sessionId ??= str(data.sessionId);
    f.startTime ??= toIsoTime(data.startTime);
    f.copilotVersion ??= str(data.copilotVersion);
    f.producer ??= str(data.producer);
    const context = asRecord(data.context);
    f.cwd ??= str(context?.cwd);
    f.gitRoot ??= str(context?.gitRoot);
    f.branch ??= str(context?.branch);
    f.headCommit ??= str(context?.headCommit);
    f.repository ??= str(context?.repository);
    f.hostType ??= str(context?.hostType);
    this.main.useModel(str(data.selectedModel));
  }

  private userMessage(t: Transcript, data: JsonRecord, stamp: Stamp): void {
    const content = str(data.content) ?? '';
    // Only the typed `content` is a prompt; before `transformedContent` existed, Copilot appended to it.
    const text = 'transformedContent' in data ? content : typedText(content);
    const attachments = userAttachments(this.ctx, data);
    t.nextTurn();
    if (!text.trim() && !attachments.length) return;
    if (isTypedSource(data.source)) t.userText(text, attachments, stamp);
    else t.context(`Message from ${str(data.source)}`, text, stamp);
  }

  private assistantMessage(t: Transcript, owner: Agent | undefined, data: JsonRecord, stamp: Stamp): void {
    const model = str(data.model);
    const reasoning = str(data.reasoningText);
    if (reasoning?.trim()) t.thinking(reasoning, stamp, model);
    else if (this.settings.redactedThinking && (data.reasoningOpaque || data.encryptedContent))
      t.redactedThinking(stamp, model);
    const content = str(data.content);
    if (content?.trim()) t.assistantText(content, stamp, model);
    for (const value of arr(data.toolRequests)) {
      const request = asRecord(value);
      const name = str(request?.name);
      if (!request || !name) continue;
      const callId = str(request.toolCallId);
      const input = toolInput(request.arguments);
      this.noteCall(callId, owner, input);
      t.toolCall(name, input, callId, stamp, model);
    }
  }

  /** A call nobody requested in an `assistant.message` (one the person ran) is shown when it starts. */
  private executionStart(t: Transcript, owner: Agent | undefined, data: JsonRecord, stamp: Stamp): void {
    const callId = str(data.toolCallId);
    const name = str(data.toolName);
    if (!callId || !name || t.hasCall(callId)) return;
    this.startedNames.set(callId, name);
    const input = toolInput(data.arguments);
    this.noteCall(callId, owner, input);
    t.toolCall(name, input, callId, stamp, str(data.model));
  }

  private executionComplete(t: Transcript, data: JsonRecord, stamp: Stamp): void {
    const callId = str(data.toolCallId);
    const outcome = executionOutcome(this.ctx, data);
    if (!outcome.name && callId) outcome.name = this.startedNames.get(callId);
    t.toolResult(outcome, callId, stamp);
  }

  private subagentStarted(record: JsonRecord, data: JsonRecord, stamp: Stamp): void {
    const callId = str(data.toolCallId);
    if (!callId) return;
    const agent = this.agents.started(callId, str(record.agentId), {
      type: str(data.agentName),
      displayName: str(data.agentDisplayName),
      description: str(data.agentDescription),
      model: str(data.model),
    });
    const prompt = this.prompts.get(callId);
    this.prompts.delete(callId);
    if (prompt && agent.transcript.size === 0) agent.transcript.context('Subagent prompt', prompt, stamp);
  }

  private compacted(t: Transcript, data: JsonRecord, stamp: Stamp): void {
    if (data.success === false) {
      t.event(
        'warning',
        `Context compaction failed${errorText(data.error) ? `: ${errorText(data.error)}` : ''}`,
        stamp,
      );
      return;
    }
    t.event('compaction', 'Context compacted', stamp);
    const summary = str(data.summaryContent);
    if (summary?.trim()) t.context('Compaction summary', summary, stamp);
  }

  private shutdown(t: Transcript, data: JsonRecord): void {
    const f = this.facts;
    f.premiumRequests = num(data.totalPremiumRequests) ?? f.premiumRequests;
    const changes = asRecord(data.codeChanges);
    f.linesAdded = num(changes?.linesAdded) ?? f.linesAdded;
    f.linesRemoved = num(changes?.linesRemoved) ?? f.linesRemoved;
    for (const model of Object.keys(asRecord(data.modelMetrics) ?? {})) t.sawModel(model);
  }

  private noteCall(callId: string | undefined, owner: Agent | undefined, input: unknown): void {
    if (!callId) return;
    this.agents.madeCall(callId, owner);
    const prompt = str(asRecord(input)?.prompt);
    if (prompt?.trim()) this.prompts.set(callId, prompt);
  }
}
