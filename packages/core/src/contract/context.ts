import type { Attachment, Diagnostic } from '../model/types.js';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
}

/** One line of a JSONL file. `line` is 1-based. */
export interface JsonlLine {
  line: number;
  text: string;
}

/** One parsed record of a JSONL file. */
export interface JsonlRecord {
  line: number;
  value: unknown;
}

export interface ReadLinesOptions {
  /**
   * Lines longer than this many bytes are skipped and reported as `oversized-line` (a reader that only
   * peeks, such as discovery reading a first line). Without it, a line over the run's limit
   * (`SyncOptions.maxLineBytes`, default 256 MiB) fails the session being loaded, naming the line.
   */
  maxLineBytes?: number;
}

export interface ReadJsonlOptions extends ReadLinesOptions {
  /**
   * Return false to skip a line without parsing it (e.g. `text.includes('"type":"progress"')`): the cheap way
   * to drop huge records an adapter does not need.
   */
  filter?: (text: string) => boolean;
  /**
   * When set, `filter` sees only the first this-many bytes of each line (decoded), so a rejected line —
   * even one of gigabytes — is never decoded or held whole. Use it when the line's kind is near its start.
   */
  filterHeadBytes?: number;
}

/** How `eachJsonItem` finds the array and what else it reads of the document. */
export interface EachJsonItemOptions {
  /**
   * Keys from the root object down to the array, e.g. `['history']` for `{"title": …, "history": [ … ]}`.
   * Empty (the default): the document itself is the array.
   */
  at?: readonly string[];
  /**
   * Receives the root object's other fields (`title`, `workspaceDirectory`…), each parsed whole, in file
   * order — before or after the elements, wherever they stand in the file. Awaited when it returns a promise.
   * Fields of the objects between the root and the array are passed over.
   */
  onField?: (key: string, value: unknown) => void | Promise<void>;
  /**
   * The only top-level fields `onField` receives; the others are passed over without being held (a big one
   * costs no memory). Without it, `onField` receives every field but the one holding the array.
   */
  fields?: readonly string[];
  /** Where a skipped element, a skipped field and a document that breaks off are counted. */
  diagnostics?: DiagnosticsCollector;
  /**
   * Elements or fields longer than this many bytes are skipped and counted as `oversized-item` (a reader
   * that only peeks). Without it, a value over the run's limit (`SyncOptions.maxLineBytes`, default 256 MiB)
   * fails the session being loaded, naming the element.
   */
  maxItemBytes?: number;
}

/** What `eachJsonItem` found. */
export interface JsonItemsResult {
  /** Whether the document has an array at the path (false: an object where an array was expected, no key). */
  found: boolean;
  /** Elements handed to `onItem`. */
  items: number;
  /** False when the document breaks off or turns invalid (counted as `truncated-json`). */
  complete: boolean;
}

export interface WalkEntry {
  path: string;
  size: number;
  mtimeMs: number;
}

export interface WalkOptions {
  /** Glob patterns relative to the root (picomatch syntax), e.g. `['**\/*.jsonl']`. */
  patterns: string[];
  /** Patterns to leave out. */
  ignore?: string[];
  /** Maximum folder depth below the root. */
  deep?: number;
  /**
   * Return false for a matching file the caller needs no size or mtime of (a session `scope.knownOutside`
   * names): it is listed without a stat, with `size` and `mtimeMs` -1. Default: every file is stat-ed.
   */
  statIf?: (path: string) => boolean;
}

/** A source entry that cannot be read, as an adapter reports it. */
export interface SourceProblem {
  /** The file, folder or database. */
  path: string;
  /** One plain sentence: what is wrong with it. */
  message: string;
  /**
   * The project folder the entry belongs to, when the adapter knows it (a Cursor workspace's folder): lets
   * `convx sync` tell another project's problem from one of its own repository.
   */
  cwd?: string;
}

/** What an adapter knows of an inline payload besides its bytes. */
export interface AttachmentInfo {
  /** MIME type when known (`image/png`, `application/pdf`), else a short kind (`image`, `file`). */
  type: string;
  /** The name the source gave it (a file name, a document title). */
  name?: string;
}

/** Collects per-session diagnostics, folding repeats of one code and path into a count. */
export interface DiagnosticsCollector {
  add(code: string, message: string, where?: { path?: string; line?: number }): void;
  /** The diagnostics gathered so far, in first-seen order. */
  list(): Diagnostic[];
  readonly size: number;
}

/**
 * A small key → JSON-value store that persists across runs (in the output's git-ignored state folder).
 * For facts discovery would otherwise re-read every run, such as the session id inside a file's first line.
 * Put the file's size and mtime in the key so a changed file misses. Entries not read or written during a
 * run are dropped at its end, so the cache never outgrows the sources.
 */
export interface DiscoveryCache {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** A session the index records as out of a filtered run's scope (`DiscoveryScope.knownOutside`). */
export interface KnownOutside {
  /** The fingerprint recorded for it. */
  fingerprint: string;
  /** Its id as recorded (after the run's transform: a redacted id differs from the source's). */
  sessionId: string;
  /** The folder recorded for it (the session's `cwd`), which the scope excludes. */
  cwd?: string;
}

/**
 * What a run is about, for discovery: a filtered run (`convx sync`) exports only the sessions recorded in
 * some folders, and says so here, so an adapter can leave out what it would only find to be out of scope.
 * A hint: an adapter that ignores it finds the same sessions exported, at the cost of a home-wide discovery.
 */
export interface DiscoveryScope {
  /**
   * False for a folder no session recorded in it can be exported from (the run's filter rejects every such
   * session, whatever else it holds). An adapter that knows a whole folder's sessions were recorded in one
   * project folder (a per-project store whose project it can read without loading a session) may skip
   * that folder when this is false. Never guess a project folder from a lossy name: when unsure, discover.
   */
  includes(cwd: string): boolean;
  /**
   * What the output's index recorded for the session `sessionId` (the id the adapter yields it with) whose
   * main file is `path`, when the run already knows that session is out of scope: an earlier run with the
   * same filter loaded it and recorded a folder `includes` still rejects. Undefined otherwise. An adapter
   * whose sessions keep the folder they began in (fixed by the file's first record, so appending never
   * changes it) may yield such a session with the recorded fingerprint, without a stat or a peek: the engine
   * then counts it as skipped again, as before. The adapter must still list the folder, so a new file is
   * found. One lookup by key: ask it for files whose name gives the session's id.
   */
  knownOutside(path: string, sessionId: string): KnownOutside | undefined;
}

/**
 * Shared I/O handed to adapters by the engine. Adapters use it instead of re-implementing file walking,
 * JSONL reading, hashing or logging, so every adapter streams large files and tolerates bad lines alike.
 */
export interface AdapterContext {
  /** Aborted when the run is cancelled: stop early and throw. */
  readonly signal: AbortSignal;
  readonly log: Logger;
  /**
   * Streams the lines of a file without holding it whole. Tolerates a truncated last line and CRLF endings;
   * empty lines are skipped. A line over `options.maxLineBytes` goes to `diagnostics` when given.
   */
  readLines(
    path: string,
    diagnostics?: DiagnosticsCollector,
    options?: ReadLinesOptions,
  ): AsyncIterable<JsonlLine>;
  /**
   * Streams the JSON records of a JSONL file. A line that is not valid JSON (malformed, or cut short by a
   * crash) is skipped and counted in `diagnostics` as `malformed-line` with its path and line.
   */
  readJsonl(
    path: string,
    diagnostics?: DiagnosticsCollector,
    options?: ReadJsonlOptions,
  ): AsyncIterable<JsonlRecord>;
  /**
   * `readJsonl` with a callback, the fast way to read a big file: `onRecord` runs for each record as soon as
   * it is parsed (awaited only when it returns a promise), so no promise is made per line. Throw from it to
   * stop early. Resolves once the whole file is read.
   */
  eachJsonl(
    path: string,
    onRecord: (value: unknown, line: number) => void | Promise<void>,
    diagnostics?: DiagnosticsCollector,
    options?: ReadJsonlOptions,
  ): Promise<void>;
  /**
   * Streams the elements of an array inside a JSON file — a session stored as one document — into `onItem`
   * (`index` is the element's 0-based position), without holding the file: memory is bounded by the largest
   * element. The array is the document itself, or the one `options.at` leads to (`['history']`); the root
   * object's other fields go to `options.onField`. Elements may be any JSON value (strings, numbers, `null`).
   * `onItem` is awaited only when it returns a promise; throw from it to stop early.
   *
   * A file cut short while being written yields the elements before the cut and a `truncated-json`
   * diagnostic, not a throw; an element that is not valid JSON is skipped as `malformed-item`. An element or
   * field over the run's limit (`SyncOptions.maxLineBytes`) or nested deeper than 1,000 levels fails the
   * session. Throws when the file cannot be read or holds no JSON at all (empty). Resolves once the file is
   * read, with whether the array was there.
   */
  eachJsonItem(
    path: string,
    onItem: (value: unknown, index: number) => void | Promise<void>,
    options?: EachJsonItemOptions,
  ): Promise<JsonItemsResult>;
  /**
   * Reads and parses a whole JSON file (for small files such as metadata). Throws on invalid JSON. For a
   * session stored as one document, which can be large, use `eachJsonItem`.
   */
  readJson(path: string): Promise<unknown>;
  /**
   * Reads a whole text file (UTF-8) exactly as stored, e.g. a large tool output a tool saved beside its
   * transcript. Throws when the file cannot be read.
   */
  readText(path: string): Promise<string>;
  /**
   * Lists files under a root matching patterns, with their size and mtime, in a stable order (files by name,
   * then subfolders). A missing root gives none. Synchronous: an array, looped with a plain `for…of` (an
   * async iterator per file cost more than its stat); `for await` over it works too.
   */
  walk(root: string, options: WalkOptions): WalkEntry[];
  /** `stat` that answers undefined for a missing path instead of throwing. */
  stat(
    path: string,
  ): Promise<{ size: number; mtimeMs: number; isDirectory: boolean; isFile: boolean } | undefined>;
  /** Streaming SHA-256 (hex) over the contents of the files, in order. Missing files hash as empty. */
  hashFiles(paths: string[]): Promise<string>;
  /** SHA-256 (hex) of a string or bytes. */
  hash(data: string | Uint8Array): string;
  /**
   * The reference for a payload a message carries inline (a pasted image, a base64 or text document):
   * its type, size and SHA-256 — and, while the engine exports the session, a copy saved beside the
   * transcript under a content-addressed name (`file`), or `omitted` saying why not (over the run's
   * size limit). Call it once per payload as you parse and keep only the returned reference, never the
   * bytes. Outside an export (discovery, tests) nothing is saved.
   */
  attachment(bytes: Uint8Array, info: AttachmentInfo): Attachment;
  /** A fresh collector for one session's diagnostics. */
  diagnostics(): DiagnosticsCollector;
  /**
   * Reports a source entry that cannot be read (an unreadable folder, a broken database, a file that is not a
   * session) without stopping the run: it is listed with its path and counted as one discovered entry that
   * failed. Nothing to export is not a problem: give such a ref a `skip` reason instead.
   */
  report(problem: SourceProblem): void;
  /** The home directory the run resolves default locations against. */
  readonly home: string;
  /** Persistent discovery cache, private to this adapter. */
  readonly cache: DiscoveryCache;
  /**
   * Set during a filtered run's discovery (`convx sync`): which folders' sessions the run can export, and
   * which sessions it already knows to be out of scope. Optional to use (see `DiscoveryScope`).
   */
  readonly scope?: DiscoveryScope;
  /**
   * Run-scoped memo, private to this adapter: the value stored under `key`, made by `make` the first time
   * it is asked for during the run and shared by every later discovery and load of the run on this thread
   * (the main thread and each worker thread have their own). `dispose` runs on it when the run ends — close
   * a database there. For what is costly to make and the same for many sessions (a connection to the
   * database thousands of conversations live in, an index file every session consults); put anything that
   * can change during the run (a file's size and mtime) into the key. Values never persist: use `cache`
   * for what the next run should remember.
   */
  memo<T>(key: string, make: () => T, dispose?: (value: T) => void): T;
}
