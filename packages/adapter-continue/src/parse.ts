import {
  type AdapterContext,
  type Attachment,
  arr,
  asRecord,
  type DiagnosticsCollector,
  isRecord,
  type JsonRecord,
  type Message,
  num,
  str,
  toIsoTime,
} from '@convx/core';
import { resultOf, toolMessages, toolStatesOf } from './parse-tools.js';
import { splitThink } from './text.js';
import type { ToolCallStateView } from './types.js';

export interface ParseEnv {
  keep: AdapterContext['attachment'];
  diagnostics: DiagnosticsCollector;
  /** The session file, for diagnostics. */
  path: string;
  /** The session's model display name (`chatModelTitle`), for replies whose item names no model. */
  sessionModel?: string;
}

/** Tokens summed over the replies that report them (`message.usage`). */
export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

/** Turns a session's `history` into messages, in order, with the token usage its replies report. */
export function convertHistory(history: unknown[], env: ParseEnv): { messages: Message[]; usage?: Usage } {
  const items = history.filter(isRecord);
  // Newer sessions answer a call with a `tool` message; older ones keep the output in the call's state only.
  const answered = new Set<string>();
  const states = new Map<string, ToolCallStateView>();
  for (const item of items) {
    const message = asRecord(item.message);
    const callId = str(message?.toolCallId);
    if (message?.role === 'tool' && callId) answered.add(callId);
    for (const state of toolStatesOf(item)) states.set(state.callId, state);
  }
  const messages: Message[] = [];
  const usage: Usage = { promptTokens: 0, completionTokens: 0 };
  let reported = false;
  for (const [i, item] of items.entries()) {
    const message = asRecord(item.message);
    if (!message) {
      env.diagnostics.add('missing-message', 'a history item without a message was skipped', {
        path: env.path,
      });
      continue;
    }
    messages.push(...convertItem(item, message, { env, answered, states, index: i }));
    const tokens = asRecord(message.usage);
    if (tokens) {
      reported = true;
      usage.promptTokens += num(tokens.promptTokens) ?? 0;
      usage.completionTokens += num(tokens.completionTokens) ?? 0;
    }
  }
  return reported ? { messages, usage } : { messages };
}

interface ItemEnv {
  env: ParseEnv;
  answered: ReadonlySet<string>;
  states: ReadonlyMap<string, ToolCallStateView>;
  index: number;
}

function convertItem(item: JsonRecord, message: JsonRecord, { env, answered, states }: ItemEnv): Message[] {
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
      const model = modelOf(item, env);
      const withModel = { ...common, ...(model ? { model } : {}) };
      out.push(...reasoningOf(item, withModel));
      const { thinking, text } = splitThink(readContent(message.content, env.keep).text);
      for (const t of thinking) out.push({ ...withModel, kind: 'thinking', role: 'assistant', text: t });
      if (text) out.push({ ...withModel, kind: 'text', role: 'assistant', text });
      out.push(...toolMessages(message, toolStatesOf(item), answered, withModel));
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
      const state = callId ? states.get(callId) : undefined;
      const output = readContent(message.content, env.keep).text;
      const errored = resultOf(state)?.isError;
      out.push({
        ...common,
        kind: 'tool-result',
        role: 'tool',
        output,
        ...(callId ? { callId } : {}),
        ...(state?.name ? { name: state.name } : {}),
        ...(errored ? { isError: true } : {}),
      });
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

/** The model that answered: the item's prompt log names it; else the session's chat model. */
function modelOf(item: JsonRecord, env: ParseEnv): string | undefined {
  for (const raw of arr(item.promptLogs)) {
    const log = asRecord(raw);
    const model = str(log?.modelTitle) ?? str(asRecord(log?.completionOptions)?.model);
    if (model) return model;
  }
  return env.sessionModel;
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
