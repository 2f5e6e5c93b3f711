import type { AdapterContext } from '@convx/core';
import type { HeadInfo, SourceFile } from './types.js';

/** Lines read at most before giving up on finding a `sessionId` (titles and snapshots come first). */
const HEAD_MAX_LINES = 64;
/** Longer head lines (a pasted screenshot) are skipped unread: a later line has the id too. */
const HEAD_MAX_LINE_BYTES = 4 * 1024 * 1024;

/**
 * The `sessionId` recorded inside a transcript, read from its first lines only and cached by
 * path+size+mtime, so a warm run costs a stat per file. Continuation files and root-level `agent-*.jsonl`
 * files are tied to their conversation by this id, not by their name.
 */
export async function readHead(ctx: AdapterContext, file: SourceFile): Promise<HeadInfo> {
  const key = `head\u0000${file.path}\u0000${file.size}\u0000${file.mtimeMs}`;
  const cached = ctx.cache.get(key);
  if (isHeadInfo(cached)) return cached;
  const info = await scanHead(ctx, file.path);
  if (info) ctx.cache.set(key, info);
  return info ?? { sessionId: null };
}

/** Undefined when the file could not be read (not cached: the next run tries again). */
async function scanHead(ctx: AdapterContext, path: string): Promise<HeadInfo | undefined> {
  let count = 0;
  try {
    for await (const { text } of ctx.readLines(path, undefined, { maxLineBytes: HEAD_MAX_LINE_BYTES })) {
      if (++count > HEAD_MAX_LINES) break;
      if (!text.includes('"sessionId"')) continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        continue;
      }
      if (typeof value !== 'object' || value === null) continue;
      const { sessionId, timestamp } = value as { sessionId?: unknown; timestamp?: unknown };
      if (typeof sessionId !== 'string' || !sessionId) continue;
      return typeof timestamp === 'string' ? { sessionId, timestamp } : { sessionId };
    }
  } catch (error) {
    ctx.log.debug(`claude: could not read the head of ${path}: ${String(error)}`);
    return undefined;
  }
  return { sessionId: null };
}

function isHeadInfo(value: unknown): value is HeadInfo {
  if (typeof value !== 'object' || value === null) return false;
  const id = (value as { sessionId?: unknown }).sessionId;
  return id === null || typeof id === 'string';
}
