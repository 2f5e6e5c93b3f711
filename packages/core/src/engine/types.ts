import type { Adapter, LocationEnv } from '../contract/adapter.js';
import type { Logger } from '../contract/context.js';
import type { Renderer } from '../contract/renderer.js';
import type { Message, Session } from '../model/types.js';

/** Relative folder (as segments) of a session below the history folder. */
export type LayoutFn = (session: Session) => string[];

export interface SyncOptions {
  /** The adapters to run. */
  adapters: Adapter[];
  renderer: Renderer;
  renderOptions?: Record<string, unknown>;
  /** The output repository root. `.convx/` (state, lock, config) lives here. */
  outputRoot: string;
  /** The history folder relative to `outputRoot` (`history` for backup, `.ai/history` for sync). */
  historySubpath: string;
  /** Where each session goes below the history folder. */
  layout: LayoutFn;
  /** Used to resolve adapters' default locations. */
  locationEnv: LocationEnv;
  /**
   * Explicit source locations per adapter name. An adapter listed here reads only these; an adapter not
   * listed reads its default locations.
   */
  inputs?: Record<string, string[]>;
  /**
   * Keep only sessions this returns true for (e.g. sync's cwd filter). Applied after loading; an excluded
   * session is remembered by fingerprint, so it is not loaded again until it changes.
   */
  filter?: (session: Session) => boolean;
  /** Identifies the filter's parameters (e.g. the repo path); a change re-evaluates every session. */
  filterId?: string;
  /** Identifies the layout's parameters (e.g. the home dir it is relative to); a change re-exports. */
  layoutId?: string;
  /**
   * Sessions the user does not want kept (a skip marker in a prompt, an excluded project). `test` returns a
   * reason to withdraw the session, or undefined. A withdrawn session is not exported and the files earlier
   * runs wrote for it are removed. `id` identifies the rule set: a change re-evaluates every session.
   */
  withdraw?: { id: string; test(session: Session): string | undefined };
  /**
   * Transform a session before rendering (redaction, sanitizing). Its identity becomes part of the fingerprint.
   * A session streamed in bounded memory (see `Adapter.stream`) is transformed piecewise: `apply` on the session
   * without its messages, and each message through `applyMessage` (or, without it, `apply` on the session
   * holding just that message) — so a transform must treat messages independently.
   */
  transform?: { id: string; apply(session: Session): Session; applyMessage?(message: Message): Message };
  dryRun?: boolean;
  /** Re-render every session even when its fingerprint is unchanged. */
  force?: boolean;
  /**
   * Characters of a streamed session's messages held in memory before they spill to a temp file (default
   * 4 MiB; tests lower it to exercise the spill path).
   */
  holdChars?: number;
  /** Sessions loaded at once on the main thread (default 4), when it exports them itself. */
  concurrency?: number;
  /**
   * Export sessions in worker threads (see `WorkerPlan`); the main thread then only discovers, commits in
   * discovery order and keeps the index. Without it, or when no worker starts, everything runs here.
   */
  workers?: WorkerPlan;
  signal?: AbortSignal;
  log?: Logger;
  onProgress?: (event: ProgressEvent) => void;
  /** How long to wait for another run's lock before giving up, in ms (default 0: fail at once). */
  lockTimeoutMs?: number;
  /** Recorded in the index for `stats` (backup: the user and machine names). */
  labels?: { user?: string; systemName?: string };
}

/**
 * Worker threads for a run. Functions cannot cross threads, so each worker imports `module` and calls its
 * `createRunOptions(data)` export, which must rebuild the same adapters, renderer (and its options), layout,
 * filter, withdraw and transform as the main thread's options (the engine compares their render keys and
 * runs everything on the main thread when they differ).
 */
export interface WorkerPlan {
  /** How many worker threads (0: none). */
  threads: number;
  /** Start them only when at least this many sessions changed (default 1): a thread costs a start-up. */
  minSessions?: number;
  /** A file URL (or absolute path) of an ES module exporting `createRunOptions`. */
  module: string;
  /** Structured-cloneable input for `createRunOptions`. */
  data?: unknown;
}

/** What a `WorkerPlan` module's `createRunOptions(data)` returns. */
export type WorkerRunOptions = Pick<
  SyncOptions,
  | 'adapters'
  | 'renderer'
  | 'renderOptions'
  | 'layout'
  | 'layoutId'
  | 'filter'
  | 'filterId'
  | 'withdraw'
  | 'transform'
  | 'labels'
  | 'holdChars'
>;

export type ProgressEvent =
  | { type: 'discovered'; source: string; total: number }
  | { type: 'session'; source: string; key: string; outcome: SessionOutcome; done: number; total: number };

export type SessionOutcome = 'new' | 'updated' | 'unchanged' | 'skipped' | 'failed';

export interface SourceCounts {
  discovered: number;
  new: number;
  updated: number;
  unchanged: number;
  /** Filtered out, empty, or a discovery problem. */
  skipped: number;
  failed: number;
}

export interface Failure {
  source: string;
  /** The file or database that failed. */
  path: string;
  message: string;
  /** The session key, when the failure belongs to one session. */
  key?: string;
}

export interface SyncReport {
  /** Per adapter name. */
  sources: Record<string, SourceCounts>;
  totals: SourceCounts;
  failures: Failure[];
  /** Sessions not exported because `withdraw` named a reason (their earlier files were removed). */
  withdrawn: Array<{ source: string; key: string; path: string; reason: string }>;
  /** Problems that did not fail an exported session: malformed lines skipped etc., per session path. */
  warnings: Array<{ source: string; path: string; message: string }>;
  /** Output files written (relative to outputRoot, `/`-separated). Empty in a dry run. */
  written: string[];
  /** Output files removed because their session moved to a new path. */
  removed: string[];
  /** Output files a dry run would have written. */
  wouldWrite: string[];
  /** Sources whose locations did not exist. */
  missingLocations: Array<{ source: string; path: string }>;
  dryRun: boolean;
  startedAt: string;
  durationMs: number;
}
