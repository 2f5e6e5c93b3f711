import { basename } from 'node:path';
import type { AdapterContext, Attachment } from '@convx/core';
import { isRecord, type JsonRecord, str, toIsoTime } from '@convx/core';

/** Content as a list of blocks: a plain string is one text block. */
export function blocksOf(content: unknown): JsonRecord[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return Array.isArray(content) ? content.filter(isRecord) : [];
}

/** Saves an inline payload and returns its reference: the adapter context's `attachment`. */
export type KeepPayload = AdapterContext['attachment'];

/**
 * A reference for an image or document block: base64 and text payloads go through `keep` (the engine
 * saves a copy beside the transcript; the bytes never enter the session); URL and file sources keep where
 * they point.
 */
export function mediaAttachment(keep: KeepPayload, block: JsonRecord): Attachment | undefined {
  const source = block.source;
  if (!isRecord(source)) return undefined;
  const type = str(source.media_type) ?? (block.type === 'document' ? 'application/octet-stream' : 'image');
  const title = str(block.title);
  const info = title ? { type, name: title } : { type };
  const data = str(source.data);
  if (source.type === 'base64' && data !== undefined) return keep(Buffer.from(data, 'base64'), info);
  if (source.type === 'text' && data !== undefined) {
    return keep(Buffer.from(data, 'utf8'), { ...info, type: str(source.media_type) ?? 'text/plain' });
  }
  const where = str(source.url) ?? str(source.file_id);
  return where ? { type, path: where } : { type };
}

/** A tool result's content as text plus the images it carried (a `Read` of a screenshot). */
export function toolResultContent(
  content: unknown,
  keep: KeepPayload,
): { text: string; attachments: Attachment[] } {
  if (typeof content === 'string') return { text: content, attachments: [] };
  const parts: string[] = [];
  const attachments: Attachment[] = [];
  for (const block of blocksOf(content)) {
    if (block.type === 'text' && typeof block.text === 'string') parts.push(block.text);
    else if (block.type === 'image' || block.type === 'document') {
      const attachment = mediaAttachment(keep, block);
      if (attachment) attachments.push(attachment);
    } else if (block.type === 'tool_reference') parts.push(`[tool reference: ${str(block.tool_name) ?? ''}]`);
  }
  return { text: parts.join('\n'), attachments };
}

/** The readable text of a structured `toolUseResult`, for results whose content block is empty. */
export function structuredResultText(result: unknown): string | undefined {
  if (typeof result === 'string') return result;
  if (!isRecord(result)) return undefined;
  const out = [str(result.stdout), str(result.stderr)].filter((s): s is string => Boolean(s));
  if (out.length) return out.join('\n');
  return str(result.content) ?? str(result.error);
}

/** The note on a saved output the source no longer has. */
export const GONE = 'not found beside the transcript';

const PERSISTED = /Full output saved to: (\S+?\.txt)\b/g;

/** Large outputs saved beside the transcript, by file name: only files discovery found there are read. */
export type SavedOutputs = ReadonlyMap<string, string>;

export interface PersistedOutput {
  attachments: Attachment[];
  /** The complete output, read from the saved file, when the preview pointed to exactly one that exists. */
  fullText?: string;
}

/**
 * Large outputs Claude Code moved to `<session>/tool-results/*.txt` (the transcript keeps only a
 * `<persisted-output>` preview). The saved file is read, so the export keeps the whole output after Claude
 * Code deletes it, and is referenced as a text attachment with its size. A path the transcript names is
 * matched by file name against the files discovery listed in the session's own folder — a log can never
 * make convx read anything else.
 */
export async function persistedOutput(
  ctx: AdapterContext,
  output: string,
  saved: SavedOutputs,
): Promise<PersistedOutput> {
  if (!output.includes('<persisted-output>') && !output.includes('Full output saved to')) {
    return { attachments: [] };
  }
  const attachments: Attachment[] = [];
  const texts: string[] = [];
  for (const match of output.matchAll(PERSISTED)) {
    const path = match[1];
    if (!path || attachments.some((a) => a.path === path)) continue;
    const name = basename(path.replaceAll('\\', '/'));
    const attachment: Attachment = { type: 'text/plain', name, path };
    const local = saved.get(name);
    try {
      if (!local) throw new Error('not listed');
      const text = await ctx.readText(local);
      attachment.size = Buffer.byteLength(text, 'utf8');
      texts.push(text);
    } catch {
      // Gone (Claude Code's cleanup, or deleted mid-run): the preview stays the output, unless the engine
      // still has the whole output from an earlier export of this session.
      attachment.omitted = GONE;
    }
    attachments.push(attachment);
  }
  return texts.length === 1 && attachments.length === 1
    ? { attachments, fullText: texts[0] }
    : { attachments };
}

/** An `api_error` system record's message (found down the nested `error` chain), with its retry. */
export function apiErrorText(record: JsonRecord): string {
  const content = str(record.content);
  if (content) return content;
  let message: string | undefined;
  let status: number | undefined;
  let error: unknown = record.error;
  for (let depth = 0; depth < 4 && isRecord(error); depth++) {
    message = str(error.message) ?? message;
    if (typeof error.status === 'number') status ??= error.status;
    error = error.error;
  }
  const attempt = typeof record.retryAttempt === 'number' ? record.retryAttempt : undefined;
  const max = typeof record.maxRetries === 'number' ? record.maxRetries : undefined;
  const parts = [
    `API error${status !== undefined ? ` ${status}` : ''}: ${message ?? 'no message'}`,
    attempt !== undefined ? `retry ${attempt}${max !== undefined ? ` of ${max}` : ''}` : undefined,
  ];
  return parts.filter(Boolean).join('; ');
}

/** A compact_boundary record as a sentence: what triggered it and how big the context was. */
export function compactionText(record: JsonRecord): string {
  const meta = isRecord(record.compactMetadata) ? record.compactMetadata : {};
  const trigger = str(meta.trigger);
  const tokens = typeof meta.preTokens === 'number' ? `${meta.preTokens} tokens before` : undefined;
  const details = [trigger, tokens].filter(Boolean).join(', ');
  return `Conversation compacted${details ? ` (${details})` : ''}`;
}

/** The fields every message of a record shares: its uuid and time. */
export type Stamp = { id?: string; timestamp?: string };

export function stamp(record: JsonRecord): Stamp {
  const out: Stamp = {};
  const id = str(record.uuid);
  const timestamp = toIsoTime(record.timestamp);
  if (id) out.id = id;
  if (timestamp) out.timestamp = timestamp;
  return out;
}

/** The text blocks of a content list, joined. */
export function textOf(blocks: JsonRecord[]): string {
  return blocks
    .filter((b) => b.type === 'text' && typeof b.text === 'string')
    .map((b) => b.text as string)
    .join('\n\n');
}
