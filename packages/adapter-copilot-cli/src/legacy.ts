import {
  type AdapterContext,
  type Attachment,
  arr,
  asRecord,
  createSession,
  isRecord,
  type JsonRecord,
  type MessageSink,
  type Session,
  type SessionRef,
  str,
  TimeSpan,
  toIsoTime,
} from '@convx/core';
import { typedText } from './parse-text.js';
import { errorText, toolInput } from './parse-tools.js';
import { Transcript } from './transcript.js';
import type { CopilotCliRefData } from './types.js';

const SOURCE = 'copilot-cli';

/**
 * Reads a `history-session-state/session_<id>_<ms>.json` file (Copilot CLI ≤ 2025-10): one JSON object with
 * `chatMessages` (the OpenAI-style conversation sent to the model) and `timeline` (what the terminal showed,
 * with times). The timeline is the record of the session — the typed prompts, answers, tool calls with
 * their results, notices — so it is used whenever it holds a conversation; `chatMessages` only otherwise,
 * with the `<reminder>` blocks Copilot appended to each prompt removed.
 */
export async function streamHistory(
  ctx: AdapterContext,
  ref: SessionRef<CopilotCliRefData>,
  emit: MessageSink,
): Promise<Session> {
  const diagnostics = ctx.diagnostics();
  const root = asRecord(await ctx.readJson(ref.path));
  if (!root) throw new Error(`${ref.path} is not a Copilot CLI history file (no JSON object)`);
  const span = new TimeSpan();
  const t = new Transcript((message) => {
    span.add(message.timestamp);
    emit(message);
  });
  t.useModel(str(root.selectedModel));
  const timeline = arr(root.timeline).filter(isRecord);
  const spoken = timeline.some((entry) => ['user', 'copilot'].includes(str(entry.type) ?? ''));
  if (spoken) for (const entry of timeline) applyTimelineEntry(t, entry);
  else for (const value of arr(root.chatMessages)) applyChatMessage(t, asRecord(value));
  const startedAt = toIsoTime(root.startTime);
  span.add(startedAt);
  return createSession({
    source: SOURCE,
    sessionId: ref.sessionId,
    startedAt: startedAt ?? span.startedAt,
    endedAt: span.endedAt,
    models: t.models,
    sourceLocation: { path: ref.path },
    messages: [],
    diagnostics: diagnostics.list(),
    meta: { format: 'history-json' },
  });
}

function applyTimelineEntry(t: Transcript, entry: JsonRecord): void {
  const stamp = { id: str(entry.id), timestamp: toIsoTime(entry.timestamp) };
  const text = str(entry.text) ?? '';
  switch (str(entry.type)) {
    case 'user': {
      // `text` is what was typed; `expandedText` has the @-mentioned files pulled in.
      const attachments = arr(entry.mentions).flatMap((m) => mention(m) ?? []);
      if (text.trim() || attachments.length) t.userText(typedText(text), attachments, stamp);
      return;
    }
    case 'copilot':
      if (text.trim()) t.assistantText(text, stamp);
      return;
    case 'tool_call_requested':
    case 'tool_call_completed': {
      const callId = str(entry.callId);
      const name = str(entry.name) ?? str(entry.toolTitle) ?? 'tool';
      if (!callId || !t.hasCall(callId)) t.toolCall(name, toolInput(entry.arguments), callId, stamp);
      if (str(entry.type) === 'tool_call_completed') t.toolResult(timelineResult(entry, name), callId, stamp);
      return;
    }
    case 'error':
      t.event('error', text, stamp);
      return;
    case 'warning':
      t.event('warning', text, stamp);
      return;
    case 'info':
      t.event('info', text, stamp);
      return;
    default:
      return;
  }
}

/** A timeline tool result: a string, or `{type, log}` where `type` says whether it failed. */
function timelineResult(entry: JsonRecord, name: string) {
  const result = entry.result;
  const record = asRecord(result);
  const kind = str(record?.type)?.toLowerCase();
  const output =
    (typeof result === 'string' ? result : undefined) ??
    str(record?.log) ??
    str(record?.content) ??
    errorText(record?.error) ??
    (record ? JSON.stringify(record, null, 2) : '');
  const isError = kind !== undefined && /fail|error|reject|denied|cancel/.test(kind);
  return { output, isError, name, attachments: [] };
}

function mention(value: unknown): Attachment | undefined {
  const record = asRecord(value);
  const path = str(record?.path) ?? str(record?.filePath) ?? str(record?.uri);
  if (!path) return undefined;
  return { type: str(record?.type) ?? 'file', path };
}

/** One OpenAI-style message, for files whose timeline holds no conversation. */
function applyChatMessage(t: Transcript, message: JsonRecord | undefined): void {
  if (!message) return;
  const content = contentText(message.content);
  switch (str(message.role)) {
    case 'user': {
      const text = typedText(content);
      if (text.trim()) t.userText(text, [], {});
      return;
    }
    case 'assistant':
      if (content.trim()) t.assistantText(content, {});
      for (const value of arr(message.tool_calls)) {
        const call = asRecord(value);
        const fn = asRecord(call?.function);
        const name = str(fn?.name);
        if (name) t.toolCall(name, toolInput(fn?.arguments), str(call?.id), {});
      }
      return;
    case 'tool':
      t.toolResult({ output: content, isError: false, attachments: [] }, str(message.tool_call_id), {});
      return;
    default:
      // `system`: the system prompt, never shown.
      return;
  }
}

/** A message's content: a string, or OpenAI content parts whose text is joined. */
function contentText(value: unknown): string {
  if (typeof value === 'string') return value;
  return arr(value)
    .flatMap((part) => str(asRecord(part)?.text) ?? [])
    .join('\n');
}
