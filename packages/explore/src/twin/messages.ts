import { type FileHandle, open } from 'node:fs/promises';
import { searchableText } from '../shared/searchable.js';
import type { TwinNode } from './outline.js';

/** A page stops growing past this many bytes of message JSON (one message always fits). */
const PAGE_BYTES = 4 << 20;
/** Strings longer than this are shortened for display; the message is fetched whole on demand. */
export const CLIP_CHARS = 100_000;
/** A message line longer than this is not searched by find (it would be parsed whole for one look). */
const FIND_MAX_LINE = 16 << 20;

export interface MessageSlice {
  messages: unknown[];
  clipped: Record<number, number>;
}

/**
 * Messages `offset…offset+limit-1` of a twin node, read by byte range (never the whole file). The page is
 * cut short when it passes a few megabytes, and strings over CLIP_CHARS are shortened.
 */
export async function readMessages(
  path: string,
  node: TwinNode,
  offset: number,
  limit: number,
): Promise<MessageSlice> {
  const total = node.inline?.length ?? node.starts.length;
  const end = Math.min(total, offset + limit);
  const slice: MessageSlice = { messages: [], clipped: {} };
  if (offset >= end) return slice;
  if (node.inline) {
    for (let i = offset; i < end; i++)
      addMessage(slice, i, node.inline[i], JSON.stringify(node.inline[i]).length);
    return slice;
  }
  const handle = await open(path, 'r');
  try {
    let bytes = 0;
    for (let i = offset; i < end && (i === offset || bytes < PAGE_BYTES); i++) {
      const size = (node.ends[i] ?? 0) - (node.starts[i] ?? 0);
      bytes += size;
      addMessage(slice, i, JSON.parse(await readRange(handle, node.starts[i] ?? 0, size)), size);
    }
  } finally {
    await handle.close();
  }
  return slice;
}

/** One message, whole (for a message shown clipped). */
export async function readOneMessage(path: string, node: TwinNode, index: number): Promise<unknown> {
  if (node.inline) return node.inline[index];
  const start = node.starts[index];
  const end = node.ends[index];
  if (start === undefined || end === undefined) return undefined;
  const handle = await open(path, 'r');
  try {
    return JSON.parse(await readRange(handle, start, end - start));
  } finally {
    await handle.close();
  }
}

/**
 * Indexes of the messages whose text, output or tool input contains `needle` (case-insensitive), in order,
 * at most `max`. Reads the node's messages one by one.
 */
export async function findInMessages(
  path: string,
  node: TwinNode,
  needle: string,
  max: number,
): Promise<{ matches: number[]; more: boolean }> {
  const wanted = needle.toLowerCase();
  // Cheap reject first: the raw JSON holds every character of the text, only escaped.
  const escaped = jsonEscaped(wanted);
  const matches: number[] = [];
  let index = 0;
  for await (const raw of messageTexts(path, node)) {
    const i = index++;
    if (raw.length > FIND_MAX_LINE || !raw.toLowerCase().includes(escaped)) continue;
    if (!searchableText(JSON.parse(raw)).toLowerCase().includes(wanted)) continue;
    if (matches.length === max) return { matches, more: true };
    matches.push(i);
  }
  return { matches, more: false };
}

/** How `text` appears inside a JSON string (without quotes), lower-cased text assumed. */
function jsonEscaped(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

async function readRange(handle: FileHandle, start: number, size: number): Promise<string> {
  return (await readBytes(handle, start, size)).toString('utf8');
}

async function readBytes(handle: FileHandle, start: number, size: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(size);
  let done = 0;
  while (done < size) {
    const { bytesRead } = await handle.read(buffer, done, size - done, start + done);
    if (bytesRead === 0) throw new Error('the twin changed while it was read');
    done += bytesRead;
  }
  return buffer;
}

function addMessage(slice: MessageSlice, index: number, message: unknown, size: number): void {
  const clipped = clipStrings(message);
  if (clipped.changed) slice.clipped[index] = size;
  slice.messages.push(clipped.value);
}

/** A copy of `value` with every string longer than CLIP_CHARS cut to that length. */
function clipStrings(value: unknown): { value: unknown; changed: boolean } {
  if (typeof value === 'string') {
    return value.length > CLIP_CHARS
      ? { value: value.slice(0, CLIP_CHARS), changed: true }
      : { value, changed: false };
  }
  if (typeof value !== 'object' || value === null) return { value, changed: false };
  let changed = false;
  const copy: unknown = Array.isArray(value)
    ? value.map((item) => {
        const inner = clipStrings(item);
        changed ||= inner.changed;
        return inner.value;
      })
    : Object.fromEntries(
        Object.entries(value).map(([key, item]) => {
          const inner = clipStrings(item);
          changed ||= inner.changed;
          return [key, inner.value];
        }),
      );
  return changed ? { value: copy, changed } : { value, changed: false };
}

/** Every message of a node as its JSON text, in order, read in large sequential pieces through one handle. */
export async function* messageTexts(path: string, node: TwinNode): AsyncGenerator<string> {
  if (node.inline) {
    for (const message of node.inline) yield JSON.stringify(message);
    return;
  }
  const handle = await open(path, 'r');
  try {
    let i = 0;
    while (i < node.starts.length) {
      // A run of messages up to PAGE_BYTES (at least one), read as one range.
      const first = i;
      const from = node.starts[first] ?? 0;
      while (i < node.starts.length && (i === first || (node.ends[i] ?? 0) - from <= PAGE_BYTES)) i++;
      const bytes = await readBytes(handle, from, (node.ends[i - 1] ?? 0) - from);
      for (let m = first; m < i; m++) {
        yield bytes.toString('utf8', (node.starts[m] ?? 0) - from, (node.ends[m] ?? 0) - from);
      }
    }
  } finally {
    await handle.close();
  }
}
