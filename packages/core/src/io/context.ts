import type {
  AdapterContext,
  DiscoveryCache,
  DiscoveryScope,
  Logger,
  SourceProblem,
} from '../contract/context.js';
import { attachmentReference } from './attachment-reference.js';
import { createDiagnostics } from './diagnostics.js';
import { readJsonFile, readTextFile, statOrUndefined, walk } from './fs.js';
import { hashFiles, sha256 } from './hash.js';
import { eachJsonItem } from './json-items.js';
import type { LineLimit } from './line-limit.js';
import { eachJsonl, type ReadHooks, readJsonl, readLines } from './lines.js';
import { RunMemo } from './memo.js';
import { ScratchBuffers } from './scratch-buffers.js';

export const silentLogger: Logger = { debug() {}, info() {}, warn() {} };

export interface CreateContextOptions {
  home: string;
  signal?: AbortSignal;
  log?: Logger;
  /** Receives source problems (the engine counts each as a failed entry). Defaults to a warning in the log. */
  onProblem?: (problem: SourceProblem) => void;
  /** Persistent discovery cache; defaults to an in-memory one. */
  cache?: DiscoveryCache;
  /**
   * The adapter's run-scoped memo (`ctx.memo`); whoever owns it disposes it when the run ends. Defaults to
   * a fresh one that nobody disposes: pass your own when the adapter memoizes something that must be closed.
   */
  memo?: RunMemo;
  /** The run's reusable read buffers; defaults to a set of the context's own. */
  buffers?: ScratchBuffers;
  /** A filtered run's discovery scope (`ctx.scope`); none by default. */
  scope?: DiscoveryScope;
}

/** A cache that lives for one process only: what tests and the conformance kit use. */
export function memoryCache(): DiscoveryCache {
  const map = new Map<string, unknown>();
  return { get: (key) => map.get(key), set: (key, value) => void map.set(key, value) };
}

/** Builds the shared I/O context adapters receive. Tests and the conformance kit use it directly. */
export function createAdapterContext(options: CreateContextOptions): AdapterContext {
  const log = options.log ?? silentLogger;
  const report = options.onProblem ?? ((p) => log.warn(`${p.path}: ${p.message}`));
  const memo = options.memo ?? new RunMemo(log);
  const hooks: ReadHooks = { buffers: options.buffers ?? new ScratchBuffers() };
  return {
    signal: options.signal ?? new AbortController().signal,
    log,
    home: options.home,
    readLines: (path, diagnostics, readOptions) => readLines(path, diagnostics, readOptions, hooks),
    readJsonl: (path, diagnostics, readOptions) => readJsonl(path, diagnostics, readOptions, hooks),
    eachJsonl: (path, onRecord, diagnostics, readOptions) =>
      eachJsonl(path, onRecord, diagnostics, readOptions, hooks),
    eachJsonItem: (path, onItem, itemOptions) => eachJsonItem(path, onItem, itemOptions, hooks),
    readJson: (path) => readJsonFile(path, hooks),
    readText: (path) => readTextFile(path, hooks),
    // A folder or session file that cannot be read is a reported problem, never a silent gap.
    walk: (root, walkOptions) => walk(root, walkOptions, (path, message) => report({ path, message })),
    stat: statOrUndefined,
    hashFiles,
    hash: sha256,
    attachment: attachmentReference,
    diagnostics: createDiagnostics,
    cache: options.cache ?? memoryCache(),
    ...(options.scope ? { scope: options.scope } : {}),
    memo: (key, make, dispose) => memo.get(key, make, dispose),
    report,
  };
}

/**
 * The context one session is loaded with: its reads keep to the run's line limit (a longer line fails the
 * session instead of exhausting the heap), and with `hashes`, the SHA-256 of every file read to its end is
 * recorded, so the engine gets a session's content hash from the same read that loads it.
 */
export function sessionContext(
  ctx: AdapterContext,
  limit: LineLimit,
  buffers: ScratchBuffers,
  hashes?: Map<string, string>,
): AdapterContext {
  const hooks = (path: string): ReadHooks =>
    hashes ? { limit, buffers, tap: (h) => hashes.set(path, h) } : { limit, buffers };
  return {
    ...ctx,
    readLines: (path, diagnostics, options) => readLines(path, diagnostics, options, hooks(path)),
    readJsonl: (path, diagnostics, options) => readJsonl(path, diagnostics, options, hooks(path)),
    eachJsonl: (path, onRecord, diagnostics, options) =>
      eachJsonl(path, onRecord, diagnostics, options, hooks(path)),
    eachJsonItem: (path, onItem, options) => eachJsonItem(path, onItem, options, hooks(path)),
    readJson: (path) => readJsonFile(path, hooks(path)),
    readText: (path) => readTextFile(path, hooks(path)),
  };
}
