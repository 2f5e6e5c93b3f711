import { basename } from 'node:path';
import { type AdapterContext, type Attachment, type Message, str, toIsoTime } from '@convx/core';
import { withSavedOutput } from './saved-outputs.js';
import type { GeminiContent, GeminiMessage, GeminiToolCall } from './types.js';

/** Saves an inline payload and returns its reference: the adapter context's `attachment`. */
export type KeepPayload = AdapterContext['attachment'];

/** What converting a message needs besides it. */
export interface ConvertEnv {
  keep: KeepPayload;
  /** The whole outputs of truncated tool results, by the path the chat recorded (see saved-outputs.ts). */
  savedOutputs: ReadonlyMap<string, string>;
}

const NOTHING_SAVED: ReadonlyMap<string, string> = new Map();

/** Turns one Gemini chat message into normalized messages; unknown message types yield nothing. */
export function convertMessage(
  message: GeminiMessage,
  keep: KeepPayload,
  savedOutputs: ReadonlyMap<string, string> = NOTHING_SAVED,
): Message[] {
  const common = {
    ...(message.id ? { id: message.id } : {}),
    ...timestampOf(message.timestamp),
  };
  const type = message.type;
  switch (type) {
    case 'user': {
      const { text: sent, attachments } = readContent(message.content, keep);
      const { typed, injected } = splitReferencedFiles(sent);
      const out: Message[] = [];
      if (typed || attachments.length) {
        out.push({
          ...common,
          kind: 'text',
          role: 'user',
          text: typed,
          ...(attachments.length ? { attachments } : {}),
        });
      }
      if (injected)
        out.push({ ...common, kind: 'context', role: 'user', label: 'referenced files', text: injected });
      return out;
    }
    case 'gemini':
      return convertAssistant(message, common, savedOutputs);
    case 'info':
    case 'warning':
    case 'error': {
      const { text } = readContent(message.content, keep);
      return [{ ...common, kind: 'event', role: 'system', event: type, ...(text ? { text } : {}) }];
    }
    default:
      return [];
  }
}

type Common = { id?: string; timestamp?: string };

/** What Gemini CLI appends to a prompt for its `@path` references: the files' contents, not typed text. */
const REFERENCED_FILES = '--- Content from referenced files ---';

/** The typed prompt and, apart from it, the contents of the files its `@path` references pulled in. */
export function splitReferencedFiles(text: string): { typed: string; injected?: string } {
  const at = text.indexOf(REFERENCED_FILES);
  if (at === -1) return { typed: text };
  return { typed: text.slice(0, at).trim(), injected: text.slice(at).trim() };
}

function convertAssistant(
  message: GeminiMessage,
  common: Common,
  savedOutputs: ReadonlyMap<string, string>,
): Message[] {
  const model = typeof message.model === 'string' && message.model ? { model: message.model } : {};
  const out: Message[] = [];
  for (const thought of Array.isArray(message.thoughts) ? message.thoughts : []) {
    const subject = (str(thought?.subject) ?? '').trim();
    const description = (str(thought?.description) ?? '').trim();
    const text = subject && description ? `**${subject}**\n\n${description}` : subject || description;
    if (!text) continue;
    const timestamp = timestampOf(thought.timestamp);
    out.push({ ...common, ...timestamp, ...model, kind: 'thinking', role: 'assistant', text });
  }
  const { text } = readContent(message.content, (bytes, info) => ({ type: info.type, size: bytes.length }));
  if (text) out.push({ ...common, ...model, kind: 'text', role: 'assistant', text });
  const calls = Array.isArray(message.toolCalls) ? message.toolCalls : [];
  calls.forEach((call, index) => {
    out.push(...convertToolCall(call, `${message.id ?? 'call'}:${index}`, common, model, savedOutputs));
  });
  return out;
}

function convertToolCall(
  call: GeminiToolCall,
  fallbackId: string,
  common: Common,
  model: { model?: string },
  savedOutputs: ReadonlyMap<string, string>,
): Message[] {
  const callId = str(call.id) || fallbackId;
  const name = str(call.name) || str(call.displayName) || 'tool';
  const timestamp = timestampOf(call.timestamp);
  const base = { ...common, ...timestamp };
  const out: Message[] = [
    { ...base, ...model, kind: 'tool-call', role: 'assistant', name, input: call.args ?? {}, callId },
  ];
  const result = readResult(call, savedOutputs);
  if (result) out.push({ ...base, kind: 'tool-result', role: 'tool', callId, name, ...result });
  return out;
}

type Result = { output: string; isError?: true; attachments?: Attachment[] };

/**
 * The result of a tool call: functionResponse output or error, else the display text; none while pending.
 * A truncated output gives way to the whole one Gemini CLI saved, while it still has it.
 */
function readResult(call: GeminiToolCall, savedOutputs: ReadonlyMap<string, string>): Result | undefined {
  const outputs: string[] = [];
  let failed = call.status === 'error';
  for (const item of Array.isArray(call.result) ? call.result : []) {
    const response = item?.functionResponse?.response;
    if (!response) continue;
    if (response.error !== undefined && response.error !== null) {
      failed = true;
      outputs.push(asText(response.error));
    } else if (response.output !== undefined) outputs.push(asText(response.output));
  }
  let output = outputs.filter(Boolean).join('\n');
  if (!output) output = displayText(call.resultDisplay);
  const settled =
    outputs.length > 0 || output !== '' || ['success', 'error', 'cancelled'].includes(str(call.status) ?? '');
  if (!settled) return undefined;
  if (!output && call.status === 'cancelled') output = '(cancelled)';
  const saved = withSavedOutput(output, call.resultDisplay, savedOutputs);
  const result: Result = { output: saved.output };
  if (failed) result.isError = true;
  if (saved.attachments.length) result.attachments = saved.attachments;
  return result;
}

function displayText(display: unknown): string {
  if (display === undefined || display === null) return '';
  if (typeof display === 'string') return display;
  if (typeof display === 'object' && 'fileDiff' in display && typeof display.fileDiff === 'string')
    return display.fileDiff;
  return JSON.stringify(display, null, 2);
}

/** Text and attachment references of a string or parts content. Inline bytes are saved through `keep`, never text. */
export function readContent(
  content: GeminiContent | unknown,
  keep: KeepPayload,
): { text: string; attachments: Attachment[] } {
  if (typeof content === 'string') return { text: content.trim(), attachments: [] };
  const texts: string[] = [];
  const attachments: Attachment[] = [];
  for (const part of Array.isArray(content) ? content : []) {
    if (typeof part === 'string') texts.push(part);
    else if (typeof part !== 'object' || part === null) continue;
    else if (typeof part.text === 'string') texts.push(part.text);
    else if (part.inlineData && typeof part.inlineData.data === 'string') {
      const bytes = Buffer.from(part.inlineData.data, 'base64');
      attachments.push(keep(bytes, { type: str(part.inlineData.mimeType) || 'file' }));
    } else if (part.fileData && typeof part.fileData.fileUri === 'string') {
      const uri = part.fileData.fileUri;
      attachments.push({ type: str(part.fileData.mimeType) || 'file', name: basename(uri), path: uri });
    }
  }
  return { text: texts.join('\n').trim(), attachments };
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return JSON.stringify(value, null, 2);
}

function timestampOf(value: unknown): { timestamp?: string } {
  const iso = toIsoTime(value);
  return iso ? { timestamp: iso } : {};
}
