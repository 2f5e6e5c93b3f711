import type { Diagnostic } from '../model/types.js';

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
  /** Lines longer than this many bytes are skipped and reported as `oversized-line` (default 512 MiB). */
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
   * empty lines are skipped. Oversized lines go to `diagnostics` when given.
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
  /** Reads and parses a whole JSON file (for small files such as metadata). Throws on invalid JSON. */
  readJson(path: string): Promise<unknown>;
  /**
   * Reads a whole text file (UTF-8) exactly as stored, e.g. a large tool output a tool saved beside its
   * transcript. Throws when the file cannot be read.
   */
  readText(path: string): Promise<string>;
  /** Lists files under a root matching patterns, with their size and mtime. A missing root yields nothing. */
  walk(root: string, options: WalkOptions): AsyncIterable<WalkEntry>;
  /** `stat` that answers undefined for a missing path instead of throwing. */
  stat(
    path: string,
  ): Promise<{ size: number; mtimeMs: number; isDirectory: boolean; isFile: boolean } | undefined>;
  /** Streaming SHA-256 (hex) over the contents of the files, in order. Missing files hash as empty. */
  hashFiles(paths: string[]): Promise<string>;
  /** SHA-256 (hex) of a string or bytes. */
  hash(data: string | Uint8Array): string;
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
}
