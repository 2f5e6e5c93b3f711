import {
  type AdapterContext,
  type Attachment,
  arr,
  asRecord,
  type JsonRecord,
  type Message,
  str,
  toIsoTime,
} from '@convx/core';

type Keep = AdapterContext['attachment'];
type Common = { id?: string; timestamp?: string };

/** The id and time every message of a record shares. */
export function commonOf(record: JsonRecord): Common {
  const id = str(record.uuid);
  const timestamp = toIsoTime(record.timestamp);
  return { ...(id ? { id } : {}), ...(timestamp ? { timestamp } : {}) };
}

/** Who wrote a `user` record (newer builds): only `real_user` is a person typing. */
const TYPED = new Set(['real_user', undefined]);

/**
 * A `user`, `assistant` or `tool_result` record's messages, from its Gemini `message.parts`: text, thoughts
 * (`thought: true`), function calls and responses, inline data (saved through `keep`).
 */
export function convertChatRecord(record: JsonRecord, keep: Keep): Message[] {
  const common = commonOf(record);
  const parts = arr(asRecord(record.message)?.parts);
  switch (record.type) {
    case 'user':
      return [...userMessages(record, parts, common, keep), ...responses(record, parts, common, keep)];
    case 'assistant':
      return assistantMessages(record, parts, common);
    case 'tool_result':
      return responses(record, parts, common, keep);
    default:
      return [];
  }
}

function userMessages(record: JsonRecord, parts: unknown[], common: Common, keep: Keep): Message[] {
  const texts: string[] = [];
  const attachments: Attachment[] = [];
  for (const raw of parts) {
    const part = asRecord(raw);
    const text = str(part?.text);
    if (text !== undefined) texts.push(text);
    const attachment = inlineAttachment(part, keep);
    if (attachment) attachments.push(attachment);
  }
  const text = texts.join('\n').trim();
  if (!text && !attachments.length) return [];
  const provenance = str(record.provenance);
  if (!TYPED.has(provenance))
    return [
      { ...common, kind: 'context', role: 'user', label: provenance?.replace(/_/g, ' ') ?? 'context', text },
    ];
  return [{ ...common, kind: 'text', role: 'user', text, ...(attachments.length ? { attachments } : {}) }];
}

function assistantMessages(record: JsonRecord, parts: unknown[], common: Common): Message[] {
  const model = str(record.model);
  const base = { ...common, ...(model ? { model } : {}) };
  const out: Message[] = [];
  const answer: string[] = [];
  const flush = () => {
    const text = answer.join('').trim();
    answer.length = 0;
    if (text) out.push({ ...base, kind: 'text', role: 'assistant', text });
  };
  for (const [index, raw] of parts.entries()) {
    const part = asRecord(raw);
    if (!part) continue;
    const text = str(part.text);
    if (text !== undefined && part.thought === true) {
      flush();
      if (text.trim()) out.push({ ...base, kind: 'thinking', role: 'assistant', text: text.trim() });
    } else if (text !== undefined) answer.push(text);
    const call = asRecord(part.functionCall);
    if (call) {
      flush();
      const callId = str(call.id) ?? `${common.id ?? 'call'}:${index}`;
      out.push({
        ...base,
        kind: 'tool-call',
        role: 'assistant',
        name: str(call.name) ?? 'tool',
        input: call.args ?? {},
        callId,
      });
    }
  }
  flush();
  return out;
}

/**
 * Tool results: each `functionResponse` part (`response.output`, or `response.error` flagged), completed by
 * the record's `toolCallResult` (status, display text when the response is empty).
 */
function responses(record: JsonRecord, parts: unknown[], common: Common, keep: Keep): Message[] {
  const meta = asRecord(record.toolCallResult);
  const status = str(meta?.status);
  const out: Message[] = [];
  const attachments: Attachment[] = [];
  for (const raw of parts) {
    const attachment = inlineAttachment(asRecord(raw), keep);
    if (attachment) attachments.push(attachment);
  }
  for (const raw of parts) {
    const fn = asRecord(asRecord(raw)?.functionResponse);
    if (!fn) continue;
    const response = asRecord(fn.response);
    const error = response?.error;
    const failed = (error !== undefined && error !== null) || status === 'error';
    let output = asText(error ?? response?.output ?? (response ? undefined : fn.response));
    if (!output) output = displayText(meta?.resultDisplay);
    if (!output && status === 'cancelled') output = '(cancelled)';
    const callId = str(fn.id) ?? str(meta?.callId);
    const name = str(fn.name);
    out.push({
      ...common,
      kind: 'tool-result',
      role: 'tool',
      output,
      ...(callId ? { callId } : {}),
      ...(name ? { name } : {}),
      ...(failed ? { isError: true } : {}),
      ...(attachments.length && out.length === 0 ? { attachments } : {}),
    });
  }
  return out;
}

function inlineAttachment(part: JsonRecord | undefined, keep: Keep): Attachment | undefined {
  const inline = asRecord(part?.inlineData);
  const data = str(inline?.data);
  if (data === undefined) return undefined;
  return keep(Buffer.from(data, 'base64'), { type: str(inline?.mimeType) || 'file' });
}

function displayText(display: unknown): string {
  if (typeof display === 'string') return display;
  const diff = str(asRecord(display)?.fileDiff);
  return diff ?? (display === undefined || display === null ? '' : JSON.stringify(display, null, 2));
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return JSON.stringify(value, null, 2);
}
