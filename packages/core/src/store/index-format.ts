import type { IndexEntry, SkipReason } from './types.js';

/**
 * The index file, `.convx/state/index.jsonl` (JSON Lines). Its first line holds what planning needs of every
 * session, as one row per session (`PLAN_FIELDS`); each later line holds the rest of one session's entry, in
 * row order:
 *
 *     {"version":2,"fields":["key","source",…,"outputCount"],"plan":[["claude:…","claude",…,2],…]}
 *     {"outputs":["history/….md","history/.….json"],"title":"…","messageCount":12,…}
 *     …
 *
 * Why two parts: a warm run checks every session's fingerprint but rewrites few entries. Parsing the rows as
 * one array of arrays took 6–8 ms for 17,200 sessions where parsing whole entries took 40–60 ms (and left
 * 17,200 objects for the collector); the other lines are parsed only for the entries a run reads, and copied
 * as they are when the index is saved again.
 */
export const INDEX_VERSION = 2;

/** The planning row's columns, in order. `outputCount` is the length of the entry's `outputs`. */
export const PLAN_FIELDS = [
  'key',
  'source',
  'sessionId',
  'fingerprint',
  'renderKey',
  'sourcePath',
  'cwd',
  'skipped',
  'outputCount',
] as const;

/** What planning reads of an entry: the decision's inputs, without the description (title, models, …). */
export interface Planned {
  key: string;
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

/** A planning row as stored: `PLAN_FIELDS` in order, absent optional fields as `null`. */
export type PlanRow = [
  key: string,
  source: string,
  sessionId: string,
  fingerprint: string,
  renderKey: string,
  sourcePath: string,
  cwd: string | null,
  skipped: SkipReason | null,
  outputCount: number,
];

/** The detail line of a session another project's sync rejected (see `briefRejected`): nothing but its outputs. */
export const BRIEF_DETAIL = '{"outputs":[]}';

/** The planning row of the entry recorded under `key`. */
export function rowOf(key: string, entry: IndexEntry): PlanRow {
  return [
    key,
    entry.source,
    entry.sessionId,
    entry.fingerprint,
    entry.renderKey,
    entry.sourcePath,
    entry.cwd ?? null,
    entry.skipped ?? null,
    entry.outputs.length,
  ];
}

export function plannedOf(row: PlanRow): Planned {
  const [key, source, sessionId, fingerprint, renderKey, sourcePath, cwd, skipped, outputCount] = row;
  const planned: Planned = { key, source, sessionId, fingerprint, renderKey, sourcePath, outputCount };
  if (cwd !== null) planned.cwd = cwd;
  if (skipped !== null) planned.skipped = skipped;
  return planned;
}

/**
 * The entry's fields that are not in its planning row, as its detail line. Its `key` is there only when it
 * differs from the key it is recorded under (an entry adopted from the source's own id keeps its old one).
 */
export function detailOf(key: string, entry: IndexEntry): string {
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
 * An entry from its row and detail line. A detail line that does not parse (edited by hand: a crash cannot
 * leave one, the file is replaced whole) costs the entry its files: the session is exported again.
 */
export function entryFromLines(row: PlanRow, detail: string): IndexEntry {
  const [key, source, sessionId, fingerprint, renderKey, sourcePath, cwd, skipped] = row;
  let rest: Partial<IndexEntry> = {};
  try {
    rest = JSON.parse(detail) as Partial<IndexEntry>;
  } catch {}
  const entry: IndexEntry = {
    key,
    source,
    sessionId,
    fingerprint,
    renderKey,
    sourcePath,
    outputs: [],
    ...rest,
  };
  if (!Array.isArray(entry.outputs)) entry.outputs = [];
  if (cwd !== null) entry.cwd = cwd;
  if (skipped !== null) entry.skipped = skipped;
  return entry;
}

/** A stored index's rows and detail lines, or undefined when the text is not a complete version-2 index. */
export function parseIndexText(text: string): { rows: PlanRow[]; details: string[] } | undefined {
  const firstBreak = text.indexOf('\n');
  if (firstBreak < 0) return undefined;
  let header: { version?: unknown; fields?: unknown; plan?: unknown };
  try {
    header = JSON.parse(text.slice(0, firstBreak)) as typeof header;
  } catch {
    return undefined;
  }
  if (
    header.version !== INDEX_VERSION ||
    JSON.stringify(header.fields) !== JSON.stringify(PLAN_FIELDS) ||
    !Array.isArray(header.plan)
  )
    return undefined;
  const rows = header.plan as PlanRow[];
  // Each entry's line ends with a line break: a file cut short (copied while written) is not complete.
  const details = text.slice(firstBreak + 1).split('\n');
  if (details.pop() !== '' || details.length !== rows.length) return undefined;
  if (
    !rows.every(
      (row) => Array.isArray(row) && row.length === PLAN_FIELDS.length && typeof row[0] === 'string',
    )
  )
    return undefined;
  return { rows, details };
}

const PIECE_CHARS = 32 * 1024;

/**
 * The index file's text in pieces of about 32 KiB: a 16 MB index never exists as one string (such strings
 * live in V8's large-object space until a full collection and raise the peak memory).
 */
export function* indexTextChunks(slots: Iterable<{ row: PlanRow; detail: string }>): Generator<string> {
  let piece = `{"version":${INDEX_VERSION},"fields":${JSON.stringify(PLAN_FIELDS)},"plan":[`;
  const details: string[] = [];
  let first = true;
  for (const { row, detail } of slots) {
    piece += `${first ? '' : ','}${JSON.stringify(row)}`;
    first = false;
    details.push(detail);
    if (piece.length >= PIECE_CHARS) {
      yield piece;
      piece = '';
    }
  }
  piece += ']}\n';
  for (const detail of details) {
    piece += `${detail}\n`;
    if (piece.length >= PIECE_CHARS) {
      yield piece;
      piece = '';
    }
  }
  yield piece;
}
