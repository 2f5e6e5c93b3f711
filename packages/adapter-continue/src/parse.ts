import {
  type AdapterContext,
  type Attachment,
  arr,
  asRecord,
  type DiagnosticsCollector,
  type JsonRecord,
  type Message,
  str,
  type ToolResultMessage,
  toIsoTime,
} from '@convx/core';
import { toolMessages, toolStatesOf } from './parse-tools.js';
import { splitThink } from './text.js';

export interface ParseEnv {
  keep: AdapterContext['attachment'];
  diagnostics: DiagnosticsCollector;
  /** The session file, for diagnostics. */
  path: string;
}

/** What `convertItem` hands back for completion once the whole history is read (see `HistoryParser`). */
export interface ItemSink {
  readonly env: ParseEnv;
  track(kind: 'state-result' | 'unnamed', messages: Message[]): void;
  trackToolResult(message: ToolResultMessage, callId: string): void;
}

const NONE_ANSWERED: ReadonlySet<string> = new Set();

/** One history item as messages, in order; what only later items settle is handed to `parser`. */
export function convertItem(item: JsonRecord, message: JsonRecord, parser: ItemSink): Message[] {
  const env = parser.env;
  const id = str(message.id);
  const common = id ? { id } : {};
  const role = str(message.role);
  const out: Message[] = [];
  switch (role) {
    case 'user': {
      const { text, attachments } = readContent(message.content, env.keep);
      if (text || attachments.length)
        out.push({
          ...common,
          kind: 'text',
          role: 'user',
          text,
          ...(attachments.length ? { attachments } : {}),
        });
      break;
    }
    case 'assistant': {
      const model = modelOf(item);
      const withModel = { ...common, ...(model ? { model } : {}) };
      const reply: Message[] = [...reasoningOf(item, withModel)];
      const { thinking, text } = splitThink(readContent(message.content, env.keep).text);
      for (const t of thinking) reply.push({ ...withModel, kind: 'thinking', role: 'assistant', text: t });
      if (text) reply.push({ ...withModel, kind: 'text', role: 'assistant', text });
      const tools = toolMessages(message, toolStatesOf(item), NONE_ANSWERED, withModel);
      const results = tools.filter((m) => m.kind === 'tool-result');
      reply.push(...tools.filter((m) => m.kind !== 'tool-result'));
      if (!model) parser.track('unnamed', reply);
      parser.track('state-result', results);
      out.push(...reply, ...results);
      break;
    }
    case 'thinking': {
      const text = readContent(message.content, env.keep).text;
      const redacted = message.redactedThinking !== undefined && message.redactedThinking !== null;
      if (text || redacted)
        out.push({
          ...common,
          kind: 'thinking',
          role: 'assistant',
          text,
          ...(redacted && !text ? { redacted: true } : {}),
        });
      break;
    }
    case 'tool': {
      const callId = str(message.toolCallId);
      const output = readContent(message.content, env.keep).text;
      const result: ToolResultMessage = { ...common, kind: 'tool-result', role: 'tool', output };
      if (callId) {
        result.callId = callId;
        parser.trackToolResult(result, callId);
      }
      out.push(result);
      break;
    }
    case 'system': {
      const text = readContent(message.content, env.keep).text;
      if (text) out.push({ ...common, kind: 'context', role: 'system', label: 'system message', text });
      break;
    }
    default:
      env.diagnostics.add('unknown-role', `a message with role "${role ?? ''}" was skipped`, {
        path: env.path,
      });
  }
  const context = contextItemsText(item.contextItems);
  if (context)
    out.push({ ...common, kind: 'context', role: 'user', label: 'attached context', text: context });
  const summary = str(item.conversationSummary)?.trim();
  if (summary)
    out.push({ ...common, kind: 'context', role: 'system', label: 'conversation summary', text: summary });
  return out;
}

/** The reasoning Continue kept beside a reply (`reasoning{text, startAt, endAt}`, 2025-01+). */
function reasoningOf(item: JsonRecord, common: { id?: string; model?: string }): Message[] {
  const reasoning = asRecord(item.reasoning);
  const text = str(reasoning?.text)?.trim();
  if (!text) return [];
  const timestamp = toIsoTime(reasoning?.startAt);
  return [{ ...common, ...(timestamp ? { timestamp } : {}), kind: 'thinking', role: 'assistant', text }];
}

/** The model that answered, when the item's prompt log names it (else `finish` gives the session's). */
function modelOf(item: JsonRecord): string | undefined {
  for (const raw of arr(item.promptLogs)) {
    const log = asRecord(raw);
    const model = str(log?.modelTitle) ?? str(asRecord(log?.completionOptions)?.model);
    if (model) return model;
  }
  return undefined;
}

/** `contextItems` (attachments, @-mentions: files, docs, terminal output) as one text, each under its name. */
function contextItemsText(items: unknown): string {
  const parts: string[] = [];
  for (const raw of arr(items)) {
    const item = asRecord(raw);
    const content = str(item?.content)?.trim();
    if (!content) continue;
    const name = str(item?.name) ?? str(item?.description) ?? 'context';
    parts.push(`### ${name}\n\n${content}`);
  }
  return parts.join('\n\n');
}

const DATA_URL = /^data:([^;,]+)?(;base64)?,/;

/**
 * The text of a message (a string, or `{type:"text"}` parts) and its images: a `data:` URL's bytes saved
 * through `keep`, any other URL kept as a reference.
 */
export function readContent(
  content: unknown,
  keep: ParseEnv['keep'],
): { text: string; attachments: Attachment[] } {
  if (typeof content === 'string') return { text: content.trim(), attachments: [] };
  const texts: string[] = [];
  const attachments: Attachment[] = [];
  for (const raw of arr(content)) {
    const part = asRecord(raw);
    if (!part) continue;
    const text = str(part.text);
    if (text !== undefined) texts.push(text);
    const url = str(asRecord(part.imageUrl)?.url);
    if (!url) continue;
    const data = DATA_URL.exec(url);
    if (data) {
      const body = url.slice(data[0].length);
      const bytes = data[2] ? Buffer.from(body, 'base64') : Buffer.from(safeDecode(body), 'utf8');
      attachments.push(keep(bytes, { type: data[1] || 'image' }));
    } else attachments.push({ type: 'image', path: url });
  }
  return { text: texts.join('\n').trim(), attachments };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
