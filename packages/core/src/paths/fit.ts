import { resolve } from 'node:path';
import { sha256 } from '../io/hash.js';
import { truncate } from './sanitize.js';

// Path limits: 255 bytes a name (kept by `sanitizeSegment`), and a whole path under PATH_MAX — 4096 bytes on
// Linux, 1024 on macOS; Windows with long paths allows more, but git for Windows and many tools do not.
// A session's folders below the history folder get at most 512 bytes, and less when the history folder's own
// path is long, so the whole path stays under 1024 bytes where it can.
const FOLDERS_MAX_BYTES = 512;
/** However long the history folder's path, the folders keep this much (Linux still has room for it). */
const FOLDERS_MIN_BYTES = 160;
const PATH_TARGET_BYTES = 1024;
/** Room for the file below the folders: `/.<basename>.json`, or a subagent's `/<basename>/agent-….md`. */
const FILE_RESERVE_BYTES = 256;
/** How much of the last folder's name a shortened path keeps, before its hash. */
const TAIL_NAME_BYTES = 64;

/** How many bytes a session's folders below `historyDir` may take (`/`s included). */
export function folderBudget(historyDir: string): number {
  const room = PATH_TARGET_BYTES - FILE_RESERVE_BYTES - Buffer.byteLength(resolve(historyDir)) - 1;
  return Math.max(FOLDERS_MIN_BYTES, Math.min(FOLDERS_MAX_BYTES, room));
}

/**
 * The folders as they are when they fit in `maxBytes` (nearly always: a path that fits never changes).
 * Otherwise the leading folders that fit, then one folder named after the last one (cut to 64 bytes) and a
 * hash of the whole path: `…/code/a-very-long-project-name-3f9a1b2c4d5e`. The same folders always give the
 * same result, and different ones keep different folders.
 */
export function fitFolders(segments: readonly string[], maxBytes: number): readonly string[] {
  let total = segments.length - 1;
  for (const segment of segments) total += Buffer.byteLength(segment);
  if (total <= maxBytes) return segments;
  const last = segments[segments.length - 1] ?? '_';
  const tail = `${truncate(last, TAIL_NAME_BYTES, TAIL_NAME_BYTES)}-${sha256(segments.join('/')).slice(0, 12)}`;
  const kept: string[] = [];
  let used = Buffer.byteLength(tail);
  for (const segment of segments.slice(0, -1)) {
    used += Buffer.byteLength(segment) + 1;
    if (used > maxBytes) break;
    kept.push(segment);
  }
  kept.push(tail);
  return kept;
}
