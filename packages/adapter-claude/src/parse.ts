import type { AdapterContext, Attachment, Message, MessageSink, TextMessage } from '@convx/core';
import { isRecord, type JsonRecord, str } from '@convx/core';
import {
  blocksOf,
  mediaAttachment,
  persistedOutput,
  type SavedOutputs,
  type Stamp,
  stamp,
  structuredResultText,
  textOf,
  toolResultContent,
} from './parse-blocks.js';
import { classifiedMessage, classifyUserText } from './parse-classify.js';
import { systemMessage } from './parse-system.js';
import { Titles } from './parse-titles.js';
import { ToolCalls } from './parse-tool-calls.js';

/**
 * Turns the records of one conversation (one or more files read in order) into messages, handed to a sink
 * as soon as they are settled: duplicate uuids are dropped (first wins), assistant lines sharing a
 * `message.id` are merged, tool results carry their call's name. Only an assistant text that a later line
 * of the same API message may extend is held back; everything else kept is bookkeeping (uuids, call names,
 * title records), never message contents.
 */
export class TranscriptParser {
  /** Every message, when the parser was made without a sink (subagents are kept whole). */
  readonly messages: Message[] = [];
  readonly models: string[] = [];
  cwd?: string;
  gitBranch?: string;
  version?: string;
  readonly calls = new ToolCalls();
  private readonly titles = new Titles();
  private readonly uuids = new Set<string>();
  /** The assistant API message the last kept message came from, for merging split lines. */
  private lastAssistant?: { messageId: string; citations: boolean };
  /**
   * The last kept message while a later line may still extend it: an assistant text with a `message.id`.
   * It is the only message ever changed after it was made; any other kept message settles it.
   */
  private pending?: TextMessage;
  private readonly emit: MessageSink;

  /**
   * @param savedOutputs the conversation's `tool-results/` files by name, whose content replaces a preview.
   * @param emit receives each message once settled; without one, messages are kept in {@link messages}.
   */
  constructor(
    private readonly ctx: AdapterContext,
    private readonly savedOutputs: SavedOutputs = new Map(),
    emit?: MessageSink,
  ) {
    this.emit = emit ?? ((message) => this.messages.push(message));
  }

  /** Hands over the message still held back; call once the last record was added. */
  finish(): void {
    const pending = this.pending;
    this.pending = undefined;
    if (pending) this.emit(pending);
  }

  /** The session title from the records (see {@link Titles}). */
  title(): string | undefined {
    return this.titles.title((uuid) => this.uuids.has(uuid));
  }

  async add(record: unknown): Promise<void> {
    if (!isRecord(record)) return;
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
        else {
          const message = systemMessage(record, stamp(record));
          if (message) this.push(message);
        }
        return;
      }
      default:
        // Titles; snapshots, queue operations, pr links, modes and future kinds are not the conversation.
        this.titles.add(record);
        return;
    }
  }

  private noteEnvironment(record: JsonRecord): void {
    this.cwd ??= str(record.cwd) || undefined;
    this.gitBranch ??= str(record.gitBranch) || undefined;
    this.version = str(record.version) ?? this.version;
  }

  private push(message: Message, assistantId?: { messageId: string; citations: boolean }): void {
    this.finish();
    this.lastAssistant = assistantId;
    if (assistantId && message.kind === 'text' && message.role === 'assistant') this.pending = message;
    else this.emit(message);
  }

  private async user(record: JsonRecord): Promise<void> {
    const common = stamp(record);
    const message = isRecord(record.message) ? record.message : {};
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
          this.push(classifiedMessage(found, common));
        }
      } else if (block.type === 'image' || block.type === 'document') {
        const attachment = mediaAttachment(this.ctx.attachment, block);
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

  private async toolResult(block: JsonRecord, structured: unknown, common: Stamp): Promise<void> {
    const callId = str(block.tool_use_id);
    const content = toolResultContent(block.content, this.ctx.attachment);
    const preview = content.text || structuredResultText(structured) || '';
    // A large output's preview gives way to the whole output Claude Code saved beside the transcript.
    const persisted = await persistedOutput(this.ctx, preview, this.savedOutputs);
    const output = persisted.fullText ?? preview;
    const attachments = [...content.attachments, ...persisted.attachments];
    const name = callId ? this.calls.nameOf(callId) : undefined;
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
    if (callId) this.calls.linkResult(callId, structured);
  }

  private assistant(record: JsonRecord): void {
    const common = stamp(record);
    const message = isRecord(record.message) ? record.message : {};
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
          const last = this.pending;
          const sameMessage = messageId !== undefined && this.lastAssistant?.messageId === messageId;
          if (sameMessage && this.lastAssistant && last) {
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
          const name = str(block.name) ?? 'unknown';
          if (callId && !this.calls.add(callId, name, block.input)) break;
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
}

function at(messageId: string | undefined, citations: boolean) {
  return messageId === undefined ? undefined : { messageId, citations };
}
