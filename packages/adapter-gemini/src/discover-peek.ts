import { open } from 'node:fs/promises';
import type { AdapterContext } from '@convx/core';
import { isRecord } from '@convx/core';
import type { GeminiChatMeta } from './types.js';

/** What discovery needs from inside a chat file. */
export interface ChatHead {
  sessionId?: string;
  kind?: string;
  parentSessionId?: string;
}

const HEAD_BYTES = 64 * 1024;

/**
 * Reads the session id (and kind / parent) from the head of a chat file, cached by path, size and mtime so
 * a warm run costs only the walk's stats. Falls back to a full parse when the head does not hold the id.
 */
export async function peekChatHead(
  ctx: AdapterContext,
  file: { path: string; size: number; mtimeMs: number },
): Promise<ChatHead> {
  const key = `head\u0000${file.path}\u0000${file.size}\u0000${file.mtimeMs}`;
  const cached = ctx.cache.get(key);
  if (isHead(cached)) return cached;
  const head = file.path.endsWith('.jsonl')
    ? await peekJsonl(ctx, file.path)
    : await peekJson(ctx, file.path);
  ctx.cache.set(key, head);
  return head;
}

function isHead(value: unknown): value is ChatHead {
  return isRecord(value);
}

async function readHead(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.toString('utf8', 0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function peekJsonl(ctx: AdapterContext, path: string): Promise<ChatHead> {
  // The first line is the metadata record; read it alone.
  for await (const { value } of ctx.readJsonl(path)) return headOf(value);
  return {};
}

/** Top-level string fields of a JSON chat file, looked for before its `messages` array. */
const FIELD = /"(sessionId|kind|parentSessionId)"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

async function peekJson(ctx: AdapterContext, path: string): Promise<ChatHead> {
  const text = await readHead(path);
  const messagesAt = text.indexOf('"messages"');
  const top = messagesAt === -1 ? text : text.slice(0, messagesAt);
  const head: ChatHead = {};
  for (const match of top.matchAll(FIELD)) {
    const [, field, raw] = match;
    if (field === undefined || raw === undefined) continue;
    const value = JSON.parse(`"${raw}"`) as string;
    if (field === 'sessionId') head.sessionId = value;
    else if (field === 'kind') head.kind = value;
    else head.parentSessionId = value;
  }
  if (head.sessionId !== undefined) return head;
  // Fields written after the messages (or a huge first field): read the file once, streamed; cached after.
  const fields: Record<string, unknown> = {};
  await ctx.eachJsonItem(path, () => {}, {
    at: ['messages'],
    fields: ['sessionId', 'kind', 'parentSessionId'],
    onField: (key, value) => {
      fields[key] = value;
    },
  });
  return headOf(fields);
}

function headOf(value: unknown): ChatHead {
  if (typeof value !== 'object' || value === null) return {};
  const meta = value as GeminiChatMeta;
  const head: ChatHead = {};
  if (typeof meta.sessionId === 'string' && meta.sessionId) head.sessionId = meta.sessionId;
  if (typeof meta.kind === 'string') head.kind = meta.kind;
  if (typeof meta.parentSessionId === 'string' && meta.parentSessionId)
    head.parentSessionId = meta.parentSessionId;
  return head;
}
