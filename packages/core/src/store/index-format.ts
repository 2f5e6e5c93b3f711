import type { IndexEntry, SkipReason } from './types.js';

/**
 * The index file, `.convx/state/index.jsonl`. Its head is one JSON object spread over one line per session:
 * what planning reads of every session, by key. Then one line per session, in the same order, holds the rest
 * of its entry:
 *
 *     {"version":2,"sessions":{
 *     "claude:…":{"source":"claude","sessionId":"…","fingerprint":"…","renderKey":"…","sourcePath":"…","outputCount":2}
 *     ,"codex:…":{…,"skipped":{"reason":"empty"},"outputCount":0}
 *     }}
 *     {"outputs":["history/….md","history/.….json"],"title":"…","messageCount":12,…}
 *     {"outputs":[]}
 *
 * Why: a warm run checks every session's fingerprint but rewrites few entries. The head is parsed in one
 * `JSON.parse` into the objects planning reads (no loop over 17,000 sessions in JavaScript); the other lines
 * are parsed only for the entries a run needs whole, and every line of an entry the run did not replace is
 * copied as it was when the index is saved again. A key always holds a `:` (`<source>:<id>`), so no key is an
 * array index, and the head's keys keep the file's order, the order of the detail lines.
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

/** The detail line of a session another project's sync rejected (see `briefRejected`): nothing but its outputs. */
export const BRIEF_DETAIL = '{"outputs":[]}';

export const HEAD_START = `{"version":${INDEX_VERSION},"sessions":{`;
export const HEAD_END = '}}';

export function plannedOf(entry: IndexEntry): Planned {
  const { source, sessionId, fingerprint, renderKey, sourcePath, cwd, skipped } = entry;
  const planned: Planned = { source, sessionId, fingerprint, renderKey, sourcePath, outputCount: 0 };
  if (cwd !== undefined) planned.cwd = cwd;
  if (skipped !== undefined) planned.skipped = skipped;
  planned.outputCount = entry.outputs.length;
  return planned;
}

/** One session's line in the head (without the comma that separates it from the previous one). */
export function headLineOf(key: string, entry: IndexEntry): string {
  return `${JSON.stringify(key)}:${JSON.stringify(plannedOf(entry))}`;
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

/**
 * A stored index's parts, or undefined when the text is not a complete version-2 index. With `reread`, the
 * text is not kept: the lines are read again through it the first time they are needed (most runs never do),
 * so the file's bytes are not held in memory beside the parsed head.
 */
export function parseIndexText(text: string, reread?: () => string): StoredIndex | undefined {
  const head = headOf(text);
  const lines = head && linesOf(text, head.end, head.keys.length);
  if (!head || !lines) return undefined;
  let kept: StoredLines | undefined = reread ? undefined : lines;
  const again = (): StoredLines => {
    // The same file (the caller checks): its head is not parsed again, only its lines are found.
    const text = reread?.() ?? '';
    const end = text.indexOf(`\n${HEAD_END}\n`);
    const lines = end < 0 ? undefined : linesOf(text, end, head.keys.length);
    if (!lines) throw new Error('the index file changed while this run had it open');
    return lines;
  };
  return { planned: head.planned, keys: head.keys, lines: () => (kept ??= again()) };
}

function headOf(text: string): { planned: Record<string, Planned>; keys: string[]; end: number } | undefined {
  if (!text.startsWith(`${HEAD_START}\n`)) return undefined;
  const end = text.indexOf(`\n${HEAD_END}\n`);
  if (end < 0) return undefined;
  let head: { version?: unknown; sessions?: unknown };
  try {
    head = JSON.parse(text.slice(0, end + HEAD_END.length + 1)) as typeof head;
  } catch {
    return undefined;
  }
  if (head.version !== INDEX_VERSION || !head.sessions || typeof head.sessions !== 'object') return undefined;
  const planned = head.sessions as Record<string, Planned>;
  return { planned, keys: Object.keys(planned), end };
}

/** The lines of a text whose head ends at `headEnd`, or undefined when they are not one of each per session. */
function linesOf(text: string, headEnd: number, count: number): StoredLines | undefined {
  const headLines = count === 0 ? [] : text.slice(HEAD_START.length + 1, headEnd).split('\n');
  // Each detail line ends with a line break: a file cut short (copied while written) is not complete.
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
  let piece = `${HEAD_START}\n`;
  const details: string[] = [];
  for (const { head, detail } of lines) {
    piece += details.length === 0 ? head : `\n,${head}`;
    details.push(detail);
    if (piece.length >= PIECE_CHARS) {
      yield piece;
      piece = '';
    }
  }
  piece += `\n${HEAD_END}\n`;
  for (const detail of details) {
    piece += `${detail}\n`;
    if (piece.length >= PIECE_CHARS) {
      yield piece;
      piece = '';
    }
  }
  yield piece;
}
