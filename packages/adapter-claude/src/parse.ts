import type { AdapterContext, Attachment, Message } from '@convx/core';
import { toIsoTime } from '@convx/core';
import {
  apiErrorText,
  blocksOf,
  compactionText,
  isObject,
  type Json,
  mediaAttachment,
  persistedOutputs,
  str,
  structuredResultText,
  toolResultContent,
} from './blocks.js';
import { classifyUserText, type UserText } from './classify.js';

/** A Task/Agent tool call, remembered so a subagent without `.meta.json` still gets its type and description. */
export interface AgentCall {
  callId: string;
  type?: string;
  description?: string;
  prompt?: string;
}

/**
 * Turns the records of one conversation (one or more files read in order) into messages. Keeps only the
 * messages, never raw lines: duplicate uuids are dropped (first wins), assistant lines sharing a
 * `message.id` are merged, tool results carry their call's name.
 */
export class TranscriptParser {
  readonly messages: Message[] = [];
  readonly models: string[] = [];
  cwd?: string;
  gitBranch?: string;
  version?: string;
  customTitle?: string;
  aiTitle?: string;
  /** Task/Agent calls by the subagent id their result named. */
  readonly agentCalls = new Map<string, AgentCall>();
  private readonly summaries: Array<{ summary: string; leafUuid?: string }> = [];
  private readonly uuids = new Set<string>();
  private readonly callIds = new Set<string>();
  private readonly callNames = new Map<string, string>();
  private readonly taskCalls = new Map<string, AgentCall>();
  /** The assistant API message the last kept message came from, for merging split lines. */
  private lastAssistant?: { messageId: string; citations: boolean };

  constructor(private readonly ctx: AdapterContext) {}

  /** The session title from the records: a rename beats an AI title, which beats an old `summary`. */
  /** The Task/Agent call whose prompt started a sidechain (older transcripts name no agent id). */
  callForPrompt(prompt: string | undefined): AgentCall | undefined {
    if (!prompt) return undefined;
    for (const call of this.taskCalls.values()) if (call.prompt?.trim() === prompt.trim()) return call;
    return undefined;
  }

  title(): string | undefined {
    if (this.customTitle ?? this.aiTitle) return this.customTitle ?? this.aiTitle;
    const own = this.summaries.filter((s) => s.leafUuid !== undefined && this.uuids.has(s.leafUuid));
    return (own.at(-1) ?? this.summaries.at(-1))?.summary;
  }

  async add(record: unknown): Promise<void> {
    if (!isObject(record)) return;
    switch (record.type) {
      case 'user':
      case 'assistant':
      case 'system': {
        const uuid = str(record.uuid);
        if (uuid !== undefined) {
          if (this.uuids.has(uuid)) return;
          this.uuids.add(uuid);
        }
        this.noteEnvironment(record);
        if (record.type === 'user') await this.user(record);
        else if (record.type === 'assistant') this.assistant(record);
        else this.system(record);
        return;
      }
      case 'summary': {
        const summary = str(record.summary)?.trim();
        const leafUuid = str(record.leafUuid);
        if (summary) this.summaries.push(leafUuid ? { summary, leafUuid } : { summary });
        return;
      }
      case 'custom-title':
        this.customTitle = str(record.customTitle)?.trim() || this.customTitle;
        return;
      case 'ai-title':
        this.aiTitle = str(record.aiTitle)?.trim() || this.aiTitle;
        return;
      default:
        return; // snapshots, queue operations, pr links, modes, future kinds: not part of the conversation
    }
  }

  private noteEnvironment(record: Json): void {
    this.cwd ??= str(record.cwd) || undefined;
    this.gitBranch ??= str(record.gitBranch) || undefined;
    this.version = str(record.version) ?? this.version;
  }

  private push(message: Message, assistantId?: { messageId: string; citations: boolean }): void {
    this.messages.push(message);
    this.lastAssistant = assistantId;
  }

  private pushClassified(found: UserText, common: Stamp): void {
    this.push(
      found.kind === 'typed'
        ? { ...common, kind: 'text', role: 'user', text: found.text }
        : found.kind === 'context'
          ? { ...common, kind: 'context', role: 'user', label: found.label, text: found.text }
          : { ...common, kind: 'event', role: 'system', event: found.event, text: found.text },
    );
  }

  private async user(record: Json): Promise<void> {
    const common = stamp(record);
    const message = isObject(record.message) ? record.message : {};
    const blocks = blocksOf(message.content);
    if (record.isCompactSummary === true) {
      this.push({
        ...common,
        kind: 'context',
        role: 'user',
        label: 'compaction summary',
        text: textOf(blocks),
      });
      return;
    }
    const typed: string[] = [];
    const attachments: Attachment[] = [];
    const flushTyped = () => {
      if (!typed.length) return;
      this.push({ ...common, kind: 'text', role: 'user', text: typed.join('\n\n') });
      typed.length = 0;
    };
    const toolResults = blocks.filter((b) => b.type === 'tool_result').length;
    for (const block of blocks) {
      if (block.type === 'text' && typeof block.text === 'string') {
        const found = classifyUserText(block.text);
        if (record.isMeta === true) {
          flushTyped();
          const label = found.kind === 'context' ? found.label : 'meta';
          const text = found.kind === 'context' ? found.text : block.text;
          this.push({ ...common, kind: 'context', role: 'user', label, text });
        } else if (found.kind === 'typed') typed.push(found.text);
        else {
          flushTyped();
          this.pushClassified(found, common);
        }
      } else if (block.type === 'image' || block.type === 'document') {
        const attachment = mediaAttachment(block);
        if (attachment) attachments.push(attachment);
      } else if (block.type === 'tool_result') {
        flushTyped();
        await this.toolResult(block, toolResults === 1 ? record.toolUseResult : undefined, common);
      }
    }
    if (attachments.length) {
      // Pasted images belong to what the person typed with them (or stand alone).
      const text = typed.length ? typed.join('\n\n') : '';
      typed.length = 0;
      this.push({ ...common, kind: 'text', role: 'user', text, attachments });
    }
    flushTyped();
  }

  private async toolResult(block: Json, structured: unknown, common: Stamp): Promise<void> {
    const callId = str(block.tool_use_id);
    const content = toolResultContent(block.content);
    const output = content.text || structuredResultText(structured) || '';
    const attachments = [...content.attachments, ...(await persistedOutputs(this.ctx, output))];
    const name = callId ? this.callNames.get(callId) : undefined;
    this.push({
      ...common,
      kind: 'tool-result',
      role: 'tool',
      output,
      ...(block.is_error === true ? { isError: true } : {}),
      ...(callId ? { callId } : {}),
      ...(name ? { name } : {}),
      ...(attachments.length ? { attachments } : {}),
    });
    const agentId = isObject(structured) ? str(structured.agentId) : undefined;
    const call = callId ? this.taskCalls.get(callId) : undefined;
    if (agentId && call) this.agentCalls.set(agentId, call);
  }

  private assistant(record: Json): void {
    const common = stamp(record);
    const message = isObject(record.message) ? record.message : {};
    const blocks = blocksOf(message.content);
    if (record.isApiErrorMessage === true) {
      this.push({ ...common, kind: 'event', role: 'system', event: 'error', text: textOf(blocks) });
      return;
    }
    const rawModel = str(message.model);
    const model = rawModel && rawModel !== '<synthetic>' ? rawModel : undefined;
    if (model && !this.models.includes(model)) this.models.push(model);
    const withModel = model ? { ...common, model } : common;
    // Lines of one API message share `message.id`; without one, nothing is merged.
    const messageId = str(message.id) ?? str(record.requestId);
    for (const block of blocks) {
      switch (block.type) {
        case 'text': {
          const text = str(block.text) ?? '';
          const citations = Array.isArray(block.citations) && block.citations.length > 0;
          const last = this.messages.at(-1);
          const sameMessage = messageId !== undefined && this.lastAssistant?.messageId === messageId;
          if (sameMessage && this.lastAssistant && last?.kind === 'text' && last.role === 'assistant') {
            if (!text) break;
            // One API message written over several lines: join its text blocks into one message.
            const joiner = citations || this.lastAssistant.citations ? '' : '\n\n';
            last.text = last.text ? `${last.text}${joiner}${text}` : text;
            this.lastAssistant = at(messageId, citations);
          } else if (text.trim()) {
            this.push({ ...withModel, kind: 'text', role: 'assistant', text }, at(messageId, citations));
          }
          break;
        }
        case 'thinking':
        case 'redacted_thinking': {
          const text = str(block.thinking) ?? '';
          const redacted = block.type === 'redacted_thinking' || !text.trim();
          const thinking: Message = { ...withModel, kind: 'thinking', role: 'assistant', text };
          this.push(redacted ? { ...thinking, redacted: true } : thinking, at(messageId, false));
          break;
        }
        case 'tool_use':
        case 'server_tool_use': {
          const callId = str(block.id);
          if (callId && this.callIds.has(callId)) break;
          const name = str(block.name) ?? 'unknown';
          if (callId) {
            this.callIds.add(callId);
            this.callNames.set(callId, name);
            if (name === 'Task' || name === 'Agent')
              this.taskCalls.set(callId, agentCall(callId, block.input));
          }
          const call: Message = {
            ...withModel,
            kind: 'tool-call',
            role: 'assistant',
            name,
            input: block.input ?? {},
          };
          this.push(callId ? { ...call, callId } : call, at(messageId, false));
          break;
        }
        default:
          break; // server tool results, future block kinds
      }
    }
  }

  private system(record: Json): void {
    const common = stamp(record);
    switch (record.subtype) {
      case 'compact_boundary':
        this.push({
          ...common,
          kind: 'event',
          role: 'system',
          event: 'compaction',
          text: compactionText(record),
        });
        return;
      case 'api_error':
        this.push({ ...common, kind: 'event', role: 'system', event: 'error', text: apiErrorText(record) });
        return;
      case 'local_command': {
        const content = str(record.content);
        if (!content) return;
        this.pushClassified(classifyUserText(content), common);
        return;
      }
      case 'away_summary': {
        const content = str(record.content);
        if (content)
          this.push({ ...common, kind: 'context', role: 'system', label: 'away summary', text: content });
        return;
      }
      default:
        return; // turn durations, hook summaries, future subtypes
    }
  }
}

function at(messageId: string | undefined, citations: boolean) {
  return messageId === undefined ? undefined : { messageId, citations };
}

type Stamp = { id?: string; timestamp?: string };

function stamp(record: Json): Stamp {
  const out: Stamp = {};
  const id = str(record.uuid);
  const timestamp = toIsoTime(record.timestamp);
  if (id) out.id = id;
  if (timestamp) out.timestamp = timestamp;
  return out;
}

function textOf(blocks: Json[]): string {
  return blocks
    .filter((b) => b.type === 'text' && typeof b.text === 'string')
    .map((b) => b.text as string)
    .join('\n\n');
}

function agentCall(callId: string, input: unknown): AgentCall {
  const call: AgentCall = { callId };
  if (isObject(input)) {
    const type = str(input.subagent_type);
    const description = str(input.description);
    const prompt = str(input.prompt);
    if (type) call.type = type;
    if (description) call.description = description;
    if (prompt) call.prompt = prompt;
  }
  return call;
}
