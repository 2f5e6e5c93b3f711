import { basename } from 'node:path';
import {
  type AdapterContext,
  type Attachment,
  arr,
  asRecord,
  type DiagnosticsCollector,
  type JsonRecord,
  type Message,
  num,
  str,
  toIsoTime,
} from '@convx/core';
import type { MessageRow } from './types.js';

export interface ParseOptions {
  diagnostics: DiagnosticsCollector;
  keep: AdapterContext['attachment'];
  path: string;
}

/**
 * Turns a session's message rows into messages. Each row's `parts` is a JSON array of `{type, data}`
 * wrappers: text, reasoning, image_url, binary, tool_call, tool_result (in `role: tool` rows), finish,
 * shell_command. Times are Unix seconds.
 */
export function convertMessages(rows: MessageRow[], options: ParseOptions): Message[] {
  const out: Message[] = [];
  for (const row of rows) {
    let parts: unknown[];
    try {
      parts = arr(JSON.parse(row.parts));
    } catch {
      options.diagnostics.add('malformed-record', `message ${row.id} has parts that are not valid JSON`, {
        path: options.path,
      });
      continue;
    }
    const timestamp = toIsoTime(row.createdAt);
    const base = timestamp ? { timestamp } : {};
    const said = { ...base, ...(row.role === 'assistant' && row.model ? { model: row.model } : {}) };
    const texts: string[] = [];
    const attachments: Attachment[] = [];
    const flushText = () => {
      const text = texts.join('\n\n').trim();
      texts.length = 0;
      if (!text && !attachments.length) return;
      const files = attachments.splice(0);
      if (row.isSummary) out.push({ kind: 'context', role: 'assistant', label: 'summary', text, ...base });
      else if (row.role === 'system')
        out.push({ kind: 'context', role: 'system', label: 'system', text, ...base });
      else {
        const role = row.role === 'user' ? 'user' : 'assistant';
        out.push({
          kind: 'text',
          role,
          text,
          ...(files.length ? { attachments: files } : {}),
          ...(role === 'assistant' ? said : base),
        });
      }
    };
    for (const raw of parts) {
      const part = asRecord(raw);
      const data = asRecord(part?.data) ?? {};
      switch (part?.type) {
        case 'text':
          texts.push(str(data.text) ?? '');
          break;
        case 'image_url': {
          const attachment = imageUrl(str(data.url), options.keep);
          if (attachment) attachments.push(attachment);
          break;
        }
        case 'binary': {
          const bytes = str(data.Data ?? data.data);
          const type = str(data.MIMEType ?? data.mime_type) ?? 'file';
          const path = str(data.Path ?? data.path);
          if (bytes)
            attachments.push(
              options.keep(Buffer.from(bytes, 'base64'), { type, ...(path ? { name: basename(path) } : {}) }),
            );
          else if (path) attachments.push({ type, path });
          break;
        }
        case 'reasoning': {
          flushText();
          const thinking = (str(data.thinking) ?? '').trim();
          if (thinking || str(data.signature) || str(data.thought_signature))
            out.push({
              kind: 'thinking',
              role: 'assistant',
              text: thinking,
              ...(thinking ? {} : { redacted: true }),
              ...said,
            });
          break;
        }
        case 'tool_call': {
          flushText();
          const input = parseInput(data.input);
          out.push({
            kind: 'tool-call',
            role: 'assistant',
            name: str(data.name) ?? 'tool',
            input,
            ...callId(data.id),
            ...said,
          });
          break;
        }
        case 'tool_result':
          flushText();
          out.push(toolResult(data, base, options.keep));
          break;
        case 'shell_command': {
          flushText();
          const id = `${row.id}:shell`;
          out.push({
            kind: 'tool-call',
            role: 'assistant',
            name: 'shell',
            input: { command: str(data.command) ?? '' },
            callId: id,
            ...base,
          });
          const exit = num(data.exit_code);
          out.push({
            kind: 'tool-result',
            role: 'tool',
            output: str(data.output) ?? '',
            callId: id,
            name: 'shell',
            ...(exit ? { isError: true } : {}),
            ...base,
          });
          break;
        }
        case 'finish':
          flushText();
          finish(data, out, base);
          break;
        default:
          options.diagnostics.add(
            'unknown-part',
            `a message part of type ${String(part?.type)} was skipped`,
            { path: options.path },
          );
      }
    }
    flushText();
  }
  return out;
}

function toolResult(data: JsonRecord, base: { timestamp?: string }, keep: ParseOptions['keep']): Message {
  const attachments: Attachment[] = [];
  const payload = str(data.data);
  const mime = str(data.mime_type);
  if (payload && mime) attachments.push(keep(Buffer.from(payload, 'base64'), { type: mime }));
  const name = str(data.name);
  return {
    kind: 'tool-result',
    role: 'tool',
    output: str(data.content) ?? '',
    ...callId(data.tool_call_id),
    ...(name ? { name } : {}),
    ...(data.is_error === true ? { isError: true } : {}),
    ...(attachments.length ? { attachments } : {}),
    ...base,
  };
}

/** A turn's end: cancelled or failed turns become events; a normal end says nothing. */
function finish(data: JsonRecord, out: Message[], base: { timestamp?: string }): void {
  const reason = str(data.reason);
  const detail = [str(data.message), str(data.details)].filter(Boolean).join(': ');
  if (reason === 'canceled')
    out.push({
      kind: 'event',
      role: 'system',
      event: 'abort',
      text: detail || 'Cancelled by the user.',
      ...base,
    });
  else if (reason === 'error')
    out.push({
      kind: 'event',
      role: 'system',
      event: 'error',
      text: detail || 'The request failed.',
      ...base,
    });
  else if (reason === 'max_tokens' || reason === 'content_filter')
    out.push({
      kind: 'event',
      role: 'system',
      event: 'warning',
      text: detail || `Stopped: ${reason}.`,
      ...base,
    });
}

function imageUrl(url: string | undefined, keep: ParseOptions['keep']): Attachment | undefined {
  if (!url) return undefined;
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (match) return keep(Buffer.from(match[2] as string, 'base64'), { type: match[1] as string });
  return { type: 'image', path: url };
}

/** A tool call's input is a JSON string: parsed when it is JSON, kept as written otherwise. */
function parseInput(input: unknown): unknown {
  if (typeof input !== 'string') return input ?? {};
  try {
    return JSON.parse(input);
  } catch {
    return input;
  }
}

function callId(value: unknown): { callId?: string } {
  const id = str(value);
  return id ? { callId: id } : {};
}
