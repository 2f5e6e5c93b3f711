import type { SkipReason, SourceCounts } from '../engine/types.js';

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
  messageCount: number;
  models: string[];
  /** Labels of the run that exported it (backup: user and machine). */
  user?: string;
  systemName?: string;
  /** When this entry was last (re)written. */
  exportedAt: string;
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

/** `.convx/state/index.json`: a cache, rebuilt from the JSON twins when lost. */
export interface IndexFile {
  version: 1;
  lastRun?: LastRun;
  sessions: Record<string, IndexEntry>;
}
