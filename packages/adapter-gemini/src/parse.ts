import { basename } from 'node:path';
import { type Attachment, type Message, toIsoTime } from '@convx/core';
import type { GeminiContent, GeminiMessage, GeminiToolCall } from './types.js';

/** Turns one Gemini chat message into normalized messages; unknown message types yield nothing. */
export function convertMessage(message: GeminiMessage, hash: (data: Uint8Array) => string): Message[] {
  const common = {
    ...(message.id ? { id: message.id } : {}),
    ...timestampOf(message.timestamp),
  };
  const type = message.type;
  switch (type) {
    case 'user': {
      const { text: sent, attachments } = readContent(message.content, hash);
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
      return convertAssistant(message, common);
    case 'info':
    case 'warning':
    case 'error': {
      const { text } = readContent(message.content, hash);
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

function convertAssistant(message: GeminiMessage, common: Common): Message[] {
  const model = typeof message.model === 'string' && message.model ? { model: message.model } : {};
  const out: Message[] = [];
  for (const thought of Array.isArray(message.thoughts) ? message.thoughts : []) {
    const subject = str(thought?.subject).trim();
    const description = str(thought?.description).trim();
    const text = subject && description ? `**${subject}**\n\n${description}` : subject || description;
    if (!text) continue;
    const timestamp = timestampOf(thought.timestamp);
    out.push({ ...common, ...timestamp, ...model, kind: 'thinking', role: 'assistant', text });
  }
  const { text } = readContent(message.content, () => '');
  if (text) out.push({ ...common, ...model, kind: 'text', role: 'assistant', text });
  const calls = Array.isArray(message.toolCalls) ? message.toolCalls : [];
  calls.forEach((call, index) => {
    out.push(...convertToolCall(call, `${message.id ?? 'call'}:${index}`, common, model));
  });
  return out;
}

function convertToolCall(
  call: GeminiToolCall,
  fallbackId: string,
  common: Common,
  model: { model?: string },
): Message[] {
  const callId = str(call.id) || fallbackId;
  const name = str(call.name) || str(call.displayName) || 'tool';
  const timestamp = timestampOf(call.timestamp);
  const base = { ...common, ...timestamp };
  const out: Message[] = [
    { ...base, ...model, kind: 'tool-call', role: 'assistant', name, input: call.args ?? {}, callId },
  ];
  const result = readResult(call);
  if (result) out.push({ ...base, kind: 'tool-result', role: 'tool', callId, name, ...result });
  return out;
}

/** The result of a tool call: functionResponse output or error, else the display text; none while pending. */
function readResult(call: GeminiToolCall): { output: string; isError?: true } | undefined {
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
    outputs.length > 0 || output !== '' || ['success', 'error', 'cancelled'].includes(str(call.status));
  if (!settled) return undefined;
  if (!output && call.status === 'cancelled') output = '(cancelled)';
  return failed ? { output, isError: true } : { output };
}

function displayText(display: unknown): string {
  if (display === undefined || display === null) return '';
  if (typeof display === 'string') return display;
  if (typeof display === 'object' && 'fileDiff' in display && typeof display.fileDiff === 'string')
    return display.fileDiff;
  return JSON.stringify(display, null, 2);
}

/** Text and attachment references of a string or parts content. Inline bytes become hashes, never text. */
export function readContent(
  content: GeminiContent | unknown,
  hash: (data: Uint8Array) => string,
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
      attachments.push({
        type: str(part.inlineData.mimeType) || 'file',
        size: bytes.length,
        sha256: hash(bytes),
      });
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

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function timestampOf(value: unknown): { timestamp?: string } {
  const iso = toIsoTime(value);
  return iso ? { timestamp: iso } : {};
}
