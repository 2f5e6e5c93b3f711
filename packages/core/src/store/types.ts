/** One exported session, as the incremental index remembers it. */
export interface IndexEntry {
  key: string;
  source: string;
  sessionId: string;
  /** The adapter's cheap fingerprint when this session was last exported. */
  fingerprint: string;
  /** Content hash of the ref's files, when it had files: lets a touched-but-unchanged file be skipped. */
  contentHash?: string;
  /** Renderer name + version + options + transform id + schema version: a change re-renders. */
  renderKey: string;
  /** Files written for the session, relative to the output root, `/`-separated (JSON twin included). */
  outputs: string[];
  /** Where the session was read from (its main file or database). */
  sourcePath: string;
  title?: string;
  cwd?: string;
  startedAt?: string;
  endedAt?: string;
  /**
   * The session's size and models, when the entry describes it (an exported one always; the brief entry of
   * a session a repository's sync rejected does not, see `briefRejected`).
   */
  messageCount?: number;
  models?: string[];
  /** Labels of the run that exported it (backup: user and machine). */
  user?: string;
  systemName?: string;
  /** When this entry was last (re)written (not kept in a rejected session's brief entry). */
  exportedAt?: string;
  /**
   * Set when the last decision was not to export the session (empty, filtered out, withdrawn), with the
   * reason: an unchanged session is then counted as skipped again, at the cost of a stat. Its `outputs` are
   * what earlier exports left (none, or kept files).
   */
  skipped?: SkipReason;
}

export interface LastRun {
  startedAt: string;
  durationMs: number;
  totals: SourceCounts;
}

/**
 * The incremental index of an output as plain data (`readIndex`); stored in `.convx/state/index.jsonl`
 * (`store/index-format.ts`), a cache rebuilt from the JSON twins when lost.
 */
export interface IndexFile {
  version: 2;
  lastRun?: LastRun;
  sessions: Record<string, IndexEntry>;
}

/** Why a session is not exported, for reports. */
export interface SkipReason {
  /**
   * Short and stable, to group by: `empty`, `deleted at source`, `excluded`, `skip marker`, the filter's
   * reason (sync: `not in this repository`), or an adapter's own (`deleted in Cursor`).
   */
  reason: string;
  /** More for a person, when there is more to say (which rule or glob matched). */
  detail?: string;
}

/**
 * One source's counts. They always add up: `discovered = new + updated + unchanged + skipped + failed`. A
 * source entry discovery could not read (a broken database, an unreadable folder, a discovery that threw) is
 * no session, but it is counted as one discovered entry that failed, so every listed failure is in `failed`.
 */
export interface SourceCounts {
  /** Sessions discovery found, plus the source entries it could not read. */
  discovered: number;
  /** Sessions written for the first time. */
  new: number;
  /** Sessions whose files changed. */
  updated: number;
  /** Sessions whose files were already up to date. */
  unchanged: number;
  /** Sessions not exported, each with a reason in `SyncReport.skipped`. */
  skipped: number;
  /** Sessions and source entries that could not be exported, each listed in `SyncReport.failures`. */
  failed: number;
}

export interface Failure {
  source: string;
  /** The file or database that failed. */
  path: string;
  message: string;
  /** The session key, when the failure belongs to one session. */
  key?: string;
  /**
   * The project folder the failed session or entry belongs to, when known (from the adapter, or the
   * session's last export): lets `convx sync` tell another project's failure from its own.
   */
  cwd?: string;
  /**
   * Why, for programs, when it is one of: `LINE_TOO_LONG` (raise `maxLineBytes`), `NESTED_TOO_DEEP`,
   * `UNREADABLE_SESSION` (no line of it could be read), `DISK_FULL` (not exported: the output's disk is full).
   */
  code?: string;
}

/** A problem that did not fail an exported session (malformed lines skipped etc.). */
export interface Warning {
  source: string;
  /** The session it belongs to. */
  key: string;
  path: string;
  message: string;
}

/** A warning or failure still open after a run, with the start of the first run that reported it. */
export type Open<T> = T & { since: string };

/**
 * The warnings and failures still open, kept in `.convx/state/problems.json` across runs. A session's
 * warnings stay open until it is exported again (cleanly, or with new warnings) or is no longer exported
 * (skipped, withdrawn); a failure stays open until a run of its source no longer reports it (it succeeded,
 * or its session or entry is gone).
 */
export interface OpenProblems {
  warnings: Array<Open<Warning>>;
  failures: Array<Open<Failure>>;
}
