import type { AdapterContext, DiscoveryCache, Logger, SourceProblem } from '../contract/context.js';
import { createDiagnostics } from './diagnostics.js';
import { readJsonFile, readTextFile, statOrUndefined, walk } from './fs.js';
import { hashFiles, sha256 } from './hash.js';
import { eachJsonl, readJsonl, readLines } from './lines.js';

export const silentLogger: Logger = { debug() {}, info() {}, warn() {} };

export interface CreateContextOptions {
  home: string;
  signal?: AbortSignal;
  log?: Logger;
  /** Receives source problems (the engine counts each as a failed entry). Defaults to a warning in the log. */
  onProblem?: (problem: SourceProblem) => void;
  /** Persistent discovery cache; defaults to an in-memory one. */
  cache?: DiscoveryCache;
}

/** A cache that lives for one process only: what tests and the conformance kit use. */
export function memoryCache(): DiscoveryCache {
  const map = new Map<string, unknown>();
  return { get: (key) => map.get(key), set: (key, value) => void map.set(key, value) };
}

/** Builds the shared I/O context adapters receive. Tests and the conformance kit use it directly. */
export function createAdapterContext(options: CreateContextOptions): AdapterContext {
  const log = options.log ?? silentLogger;
  return {
    signal: options.signal ?? new AbortController().signal,
    log,
    home: options.home,
    readLines,
    readJsonl,
    eachJsonl,
    readJson: readJsonFile,
    readText: readTextFile,
    walk,
    stat: statOrUndefined,
    hashFiles,
    hash: sha256,
    diagnostics: createDiagnostics,
    cache: options.cache ?? memoryCache(),
    report: options.onProblem ?? ((p) => log.warn(`${p.path}: ${p.message}`)),
  };
}

/**
 * A view of a context that records the SHA-256 of every file the adapter reads to its end, so the engine
 * gets a session's content hash from the same read that loads it.
 */
export function hashingContext(ctx: AdapterContext, hashes: Map<string, string>): AdapterContext {
  return {
    ...ctx,
    readLines: (path, diagnostics, options) =>
      readLines(path, diagnostics, options, (h) => hashes.set(path, h)),
    readJsonl: (path, diagnostics, options) =>
      readJsonl(path, diagnostics, options, (h) => hashes.set(path, h)),
    eachJsonl: (path, onRecord, diagnostics, options) =>
      eachJsonl(path, onRecord, diagnostics, options, (h) => hashes.set(path, h)),
    readJson: (path) => readJsonFile(path, (h) => hashes.set(path, h)),
    readText: (path) => readTextFile(path, (h) => hashes.set(path, h)),
  };
}
