// What discovery hands to load, and the facts a session gathers while its events are read.

/**
 * The three ways Copilot CLI has stored a session: one JSON object in `history-session-state/` (≤ 2025-10),
 * a bare `session-state/<id>.jsonl` event log, and a `session-state/<id>/` folder with `events.jsonl` and
 * `workspace.yaml`.
 */
export type CopilotFormat = 'history-json' | 'event-log' | 'session-folder';

/** `SessionRef.data`: how to read the session, and its folder's `workspace.yaml` when there is one. */
export interface CopilotCliRefData {
  format: CopilotFormat;
  /** `workspace.yaml` of a session folder (title, cwd, branch); absent when the folder has none. */
  workspace?: string;
  /** A folder with `workspace.yaml` but no events: discovered as skipped, loaded as an empty session. */
  noEvents?: boolean;
}

/** What `workspace.yaml` says about a session. Every field is optional: the file has changed over time. */
export interface WorkspaceFacts {
  title?: string;
  cwd?: string;
  branch?: string;
  repository?: string;
  gitRoot?: string;
  createdAt?: string;
  updatedAt?: string;
}

/** Session-level facts from `session.start`, `session.shutdown` and friends. */
export interface SessionFacts {
  sessionId?: string;
  startTime?: string;
  copilotVersion?: string;
  producer?: string;
  cwd?: string;
  gitRoot?: string;
  branch?: string;
  headCommit?: string;
  repository?: string;
  hostType?: string;
  /** The latest `session.title_changed`. */
  title?: string;
  premiumRequests?: number;
  linesAdded?: number;
  linesRemoved?: number;
}

/** The adapter's options, resolved. */
export interface ParseSettings {
  redactedThinking: boolean;
}
