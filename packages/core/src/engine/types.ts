import type { Adapter, LocationEnv } from '../contract/adapter.js';
import type { Logger } from '../contract/context.js';
import type { Renderer } from '../contract/renderer.js';
import type { Message, Session } from '../model/types.js';
import type { RunSpec } from '../run-spec/types.js';
import type { Failure, OpenProblems, SkipReason, SourceCounts, Warning } from '../store/types.js';

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
  /** The skip reason reports give a session the filter rejects (sync: `not in this repository`). */
  filterReason?: string;
  /**
   * The folders whose sessions `filter` can keep (sync: the repository's): false for a session's recorded
   * folder (`cwd`) promises the filter rejects that session, whatever else it holds. Lets discovery skip
   * what is out of scope (`AdapterContext.scope`): adapters may leave out whole folders of other projects,
   * and a session an earlier run recorded as rejected in such a folder costs no stat (see `DiscoveryScope`).
   * A filter plugin declares it as its `includes` property.
   */
  scope?: (cwd: string) => boolean;
  /** Identifies the layout's parameters (e.g. the home dir it is relative to); a change re-exports. */
  layoutId?: string;
  /**
   * Sessions the user does not want kept (a skip marker in a prompt, an excluded project). `test` returns a
   * reason to withdraw the session (a short reason such as `skip marker`, or one with a detail saying which
   * rule matched), or undefined. A withdrawn session is not exported and the files earlier runs wrote for it
   * are removed. `id` identifies the rule set: a change re-evaluates every session.
   */
  withdraw?: { id: string; test(session: Session): WithdrawReason | undefined };
  /**
   * Transform a session before rendering (redaction, sanitizing). Its identity becomes part of the fingerprint.
   * A session streamed in bounded memory (see `Adapter.stream`) is transformed piecewise: `apply` on the session
   * without its messages, and each message through `applyMessage` (or, without it, `apply` on the session
   * holding just that message) — so a transform must treat messages independently.
   */
  transform?: SessionTransform;
  /**
   * Largest inline payload (a pasted image, a document) saved as a file beside its transcript, in bytes
   * (default 10 MiB, `DEFAULT_ATTACHMENT_MAX_BYTES`); a bigger one keeps its reference with a note. 0 saves
   * none. Part of the render key.
   */
  attachmentMaxBytes?: number;
  dryRun?: boolean;
  /** Re-render every session even when its fingerprint is unchanged, and discover without the discovery cache. */
  force?: boolean;
  /**
   * Characters of a streamed session's messages held in memory before they spill to a temp file (default
   * 4 MiB; tests lower it to exercise the spill path).
   */
  holdChars?: number;
  /**
   * The longest line of a session file (or JSON file read whole) a run exports, in bytes (default 256 MiB).
   * A session with a longer line fails alone, naming the line and its size; the next run tries it again.
   * On a machine whose memory cannot hold that much, a lower limit applies (a tenth of the heap) and the
   * failure says so. Lines up to it are exported on the main thread when a worker thread's heap is too small.
   */
  maxLineBytes?: number;
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

/** Why a session is withdrawn: a short reason, or one with a detail (`excluded` + which glob matched). */
export type WithdrawReason = string | SkipReason;

/** See `SyncOptions.transform`. */
export interface SessionTransform {
  id: string;
  apply(session: Session): Session;
  applyMessage?(message: Message): Message;
  /**
   * The session id as it may appear in the output (index keys, twin, names), given the source's id; called
   * before the session is loaded, so the index can be looked up by it. Must be deterministic and keep
   * distinct ids distinct. `apply` must give the session the same id.
   */
  applyId?(id: string): string;
  /** Applied to the text of inline payloads (text documents) before they are saved as attachment files. */
  applyText?(text: string): string;
}

/**
 * Worker threads for a run. Functions cannot cross threads, so each worker resolves the run's plugins from
 * `spec` (`resolveRunSpec`), which must be the spec the main thread's own options were resolved from (the
 * engine compares their render keys and runs everything on the main thread when they differ).
 */
export interface WorkerPlan {
  /** How many worker threads (0: none). */
  threads: number;
  /** Start them only when at least this many sessions changed (default 1): a thread costs a start-up. */
  minSessions?: number;
  /** The run's plugins as data. */
  spec: RunSpec;
}

export type ProgressEvent =
  | { type: 'discovered'; source: string; total: number }
  | { type: 'session'; source: string; key: string; outcome: SessionOutcome; done: number; total: number };

export type SessionOutcome = 'new' | 'updated' | 'unchanged' | 'skipped' | 'failed';

/** A session not exported, and why. */
export interface Skip extends SkipReason {
  source: string;
  key: string;
  /** The session's main file or database. */
  path: string;
}

export interface SyncReport {
  /** Per adapter name. */
  sources: Record<string, SourceCounts>;
  totals: SourceCounts;
  failures: Failure[];
  /** Every session counted as skipped, with its reason. */
  skipped: Skip[];
  /** Sessions withdrawn this run (`withdraw` named a reason): their earlier files were removed. */
  withdrawn: Skip[];
  /** This run's problems that did not fail an exported session, per session. */
  warnings: Warning[];
  /**
   * The warnings and failures still open after this run, this run's included; earlier ones carry the time
   * they were first reported. Kept in the state folder (not in a dry run).
   */
  open: OpenProblems;
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
  /**
   * Set when the disk holding the output filled up: the run stopped exporting, kept what it had written and
   * saved the index for it (`indexSaved`; when even that found no room, the next run re-checks those files).
   * The sessions not exported are counted as failed; the next run exports them.
   */
  diskFull?: { path: string; notExported: number; indexSaved: boolean };
}

/** What a spec resolves to: the function-valued part of `SyncOptions`. */
export type RunPlugins = Pick<
  SyncOptions,
  | 'adapters'
  | 'renderer'
  | 'renderOptions'
  | 'layout'
  | 'layoutId'
  | 'filter'
  | 'filterId'
  | 'filterReason'
  | 'scope'
  | 'withdraw'
  | 'transform'
>;
