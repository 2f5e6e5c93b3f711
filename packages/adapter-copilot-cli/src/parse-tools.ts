import {
  type AdapterContext,
  type Attachment,
  arr,
  asRecord,
  isRecord,
  type JsonRecord,
  str,
} from '@convx/core';
import { decodeBase64 } from './parse-text.js';

/** A tool's arguments: an object as recorded, a JSON string parsed, anything else kept as it is. */
export function toolInput(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? {};
  const text = value.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return value;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return value;
  }
}

export interface ToolOutcome {
  output: string;
  isError: boolean;
  name?: string | undefined;
  attachments: Attachment[];
}

/**
 * A `tool.execution_complete` as a result: the full output (`detailedContent`, which keeps what the
 * shortened `content` sent to the model drops, such as a diff), else `content`, else the text of its content
 * blocks; a failure's error message first. Images and other binary blocks go through `ctx.attachment`.
 */
export function executionOutcome(ctx: AdapterContext, data: JsonRecord): ToolOutcome {
  const result = asRecord(data.result);
  const blocks = arr(result?.contents).filter(isRecord);
  const attachments = blocks.flatMap((block) => blockAttachment(ctx, block) ?? []);
  const text =
    nonBlank(str(result?.detailedContent)) ??
    nonBlank(str(result?.content)) ??
    (typeof data.result === 'string' ? data.result : undefined) ??
    blocks.flatMap((block) => str(block.text) ?? []).join('\n');
  const error = errorText(data.error);
  const isError = data.success === false || (data.success !== true && error !== undefined);
  const output =
    isError && error && !text.includes(error) ? [error, text].filter(Boolean).join('\n\n') : text;
  return { output, isError, name: str(data.toolName), attachments };
}

const GENERIC_CODE = /^(failure|failed|error)$/i;

/** `{message, code}` (or a bare string) as one line: `message (code)`. */
export function errorText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  const record = asRecord(value);
  const message = str(record?.message)?.trim();
  const code = str(record?.code)?.trim();
  if (!message) return code;
  // A generic code (`failure`) says nothing the message does not.
  const telling = code && !GENERIC_CODE.test(code) && !message.includes(code);
  return telling ? `${message} (${code})` : message;
}

function blockAttachment(ctx: AdapterContext, block: JsonRecord): Attachment | undefined {
  const type = str(block.type);
  if ((type === 'image' || type === 'audio') && typeof block.data === 'string') {
    const bytes = decodeBase64(block.data);
    return bytes ? ctx.attachment(bytes, { type: str(block.mimeType) ?? type }) : undefined;
  }
  if (type === 'resource_link' && typeof block.uri === 'string') {
    const attachment: Attachment = { type: str(block.mimeType) ?? 'link', path: block.uri };
    const name = str(block.title) ?? str(block.name);
    if (name) attachment.name = name;
    return attachment;
  }
  const resource = asRecord(block.resource);
  if (type === 'resource' && resource && typeof resource.blob === 'string') {
    const bytes = decodeBase64(resource.blob);
    const name = str(resource.uri);
    const info = { type: str(resource.mimeType) ?? 'application/octet-stream' };
    return bytes ? ctx.attachment(bytes, name ? { ...info, name } : info) : undefined;
  }
  return undefined;
}

function nonBlank(text: string | undefined): string | undefined {
  return text?.trim() ? text : undefined;
}
