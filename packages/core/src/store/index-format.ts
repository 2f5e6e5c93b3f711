import type { IndexEntry, SkipReason } from './types.js';

/**
 * The index file, `.convx/state/index.jsonl`. A first line gives the version and the byte sizes of the two
 * parts that follow. The head is one JSON object spread over one line per session: what planning reads of
 * every session, by key. Then one line per session, in the same order, holds the rest of its entry:
 *
 *     {"version":2,"headBytes":…,"detailBytes":…}
 *     {"sessions":{
 *     "claude:…":{"source":"claude","sessionId":"…","fingerprint":"…","renderKey":"…","sourcePath":"…","outputCount":2,"cwd":"…"}
 *     ,"codex:…":{…,"outputCount":0,"skipped":{"reason":"empty"}}
 *     }}
 *     {"outputs":["history/….md","history/.….json"],"title":"…","messageCount":12,…}
 *     {"outputs":[]}
 *
 * Why: a warm run checks every session's fingerprint but rewrites few entries. It reads the head alone (6.6
 * of a 17,200-session backup's 15.6 MB) and parses it in one `JSON.parse` into the objects planning reads,
 * with no loop over the sessions in JavaScript; the other lines are read and parsed only for the entries a run needs
 * whole, and every line of an entry the run did not replace is copied as it was when the index is saved
 * again. A key always holds a `:` (`<source>:<id>`), so no key is an array index, and the head's keys keep
 * the file's order, the order of the detail lines. The sizes tell a complete file from one cut short.
 */
export const INDEX_VERSION = 2;

/** What planning reads of an entry: the decision's inputs, without the description (title, models, …). */
export interface Planned {
  source: string;
  sessionId: string;
  fingerprint: string;
  renderKey: string;
  sourcePath: string;
  cwd?: string;
  skipped?: SkipReason;
  /** How many files the entry records (`outputs.length`). */
  outputCount: number;
}

const HEAD_START = '{"sessions":{';
const HEAD_END = '}}';

/** The first line's fields: the version and the byte sizes of the head and of the detail lines. */
export interface IndexPrefix {
  headBytes: number;
  detailBytes: number;
}

/** The first line's fields, or undefined when it is not a version-2 index's first line. */
export function parsePrefix(line: string): IndexPrefix | undefined {
  try {
    const { version, headBytes, detailBytes } = JSON.parse(line) as Record<string, unknown>;
    if (version !== INDEX_VERSION || !Number.isSafeInteger(headBytes) || !Number.isSafeInteger(detailBytes))
      return undefined;
    return { headBytes, detailBytes } as IndexPrefix;
  } catch {
    return undefined;
  }
}

export function plannedOf(entry: IndexEntry): Planned {
  const { source, sessionId, fingerprint, renderKey, sourcePath, cwd, skipped } = entry;
  // The key order of every head line written so far (`outputCount` before `cwd`): unchanged entries are
  // copied as they were read, so a recorded one is serialized the same way.
  const planned: Planned = {
    source,
    sessionId,
    fingerprint,
    renderKey,
    sourcePath,
    outputCount: entry.outputs.length,
  };
  if (cwd !== undefined) planned.cwd = cwd;
  if (skipped !== undefined) planned.skipped = skipped;
  return planned;
}

/** One session's line in the head (without the comma that separates it from the previous one). */
export function headLineOf(key: string, planned: Planned): string {
  return `${JSON.stringify(key)}:${JSON.stringify(planned)}`;
}

/**
 * The entry's fields that are not in the head, as its detail line. Its `key` is there only when it differs
 * from the key it is recorded under (an entry adopted from the source's own id keeps its old one).
 */
export function detailLineOf(key: string, entry: IndexEntry): string {
  const {
    key: ownKey,
    source: _source,
    sessionId: _sessionId,
    fingerprint: _fingerprint,
    renderKey: _renderKey,
    sourcePath: _sourcePath,
    cwd: _cwd,
    skipped: _skipped,
    ...detail
  } = entry;
  return JSON.stringify(ownKey === key ? detail : { key: ownKey, ...detail });
}

/**
 * An entry from its planning facts and detail line. A detail line that does not parse (edited by hand: a crash
 * cannot leave one, the file is replaced whole) reads as an entry without files.
 */
export function entryOfLines(key: string, planned: Planned, detail: string): IndexEntry {
  const { outputCount: _count, ...facts } = planned;
  let rest: Partial<IndexEntry> = {};
  try {
    rest = JSON.parse(detail) as Partial<IndexEntry>;
  } catch {}
  const entry: IndexEntry = { key, ...facts, outputs: [], ...rest };
  if (!Array.isArray(entry.outputs)) entry.outputs = [];
  return entry;
}

/** A stored index's lines by position: each session's line in the head, and its detail line. */
export interface StoredLines {
  headLines: string[];
  details: string[];
}

/** A stored index: its planning facts by key, its keys in order, and its lines (see `parseIndexText`). */
export interface StoredIndex {
  planned: Record<string, Planned>;
  keys: string[];
  lines: () => StoredLines;
}

/** The head's planning facts by key and its keys in order, or undefined when it is not a whole head. */
export function parseHead(head: string): Pick<StoredIndex, 'planned' | 'keys'> | undefined {
  if (!head.startsWith(`${HEAD_START}\n`) || !head.endsWith(`\n${HEAD_END}\n`)) return undefined;
  try {
    const { sessions } = JSON.parse(head) as { sessions?: unknown };
    if (!sessions || typeof sessions !== 'object') return undefined;
    // Looked up by key on every run: without a prototype, no key can find an inherited property.
    const planned = Object.setPrototypeOf(sessions, null) as Record<string, Planned>;
    return { planned, keys: Object.keys(planned) };
  } catch {
    return undefined;
  }
}

/** A whole index file's parts (its lines kept), or undefined when it is not a complete version-2 index. */
export function parseIndexText(text: string): StoredIndex | undefined {
  const prefixEnd = text.indexOf('\n');
  const headEnd = text.indexOf(`\n${HEAD_END}\n`);
  if (prefixEnd < 0 || headEnd < 0 || !parsePrefix(text.slice(0, prefixEnd))) return undefined;
  const head = parseHead(text.slice(prefixEnd + 1, headEnd + HEAD_END.length + 2));
  const lines = head && linesOf(text, head.keys.length);
  return head && lines && { ...head, lines: () => lines };
}

/** A whole index file's lines, or undefined when they are not one of each per session. */
export function linesOf(text: string, count: number): StoredLines | undefined {
  const headStart = text.indexOf('\n') + 1 + HEAD_START.length + 1;
  const headEnd = text.indexOf(`\n${HEAD_END}\n`);
  if (headStart <= HEAD_START.length + 1 || headEnd < 0) return undefined;
  const headLines = count === 0 ? [] : text.slice(headStart, headEnd).split('\n');
  // Each detail line ends with a line break.
  const details = text.slice(headEnd + HEAD_END.length + 2).split('\n');
  if (details.pop() !== '' || details.length !== count || headLines.length !== count) return undefined;
  return { headLines, details };
}

const PIECE_CHARS = 32 * 1024;

/**
 * The index file's text in pieces of about 32 KiB, from each entry's head and detail line: a 16 MB index never
 * exists as one string (such strings live in V8's large-object space until a full collection).
 */
export function* indexTextChunks(lines: Iterable<{ head: string; detail: string }>): Generator<string> {
  // The lines and their separators as they are, never joined per line: a save would copy every line again.
  const head: string[] = [`${HEAD_START}\n`];
  const details: string[] = [];
  for (const line of lines) {
    if (details.length > 0) head.push('\n,');
    head.push(line.head);
    details.push(line.detail, '\n');
  }
  head.push(`\n${HEAD_END}\n`);
  const bytes = (parts: string[]) => parts.reduce((sum, part) => sum + Buffer.byteLength(part), 0);
  yield `${JSON.stringify({ version: INDEX_VERSION, headBytes: bytes(head), detailBytes: bytes(details) })}\n`;
  yield* pieces(head);
  yield* pieces(details);
}

function* pieces(parts: string[]): Generator<string> {
  let piece = '';
  for (const part of parts) {
    piece += part;
    if (piece.length >= PIECE_CHARS) {
      yield piece;
      piece = '';
    }
  }
  yield piece;
}
