/** One file that makes up a session, as discovery saw it. */
export interface SourceFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/** A subagent transcript (one or more files sharing an agent id) and its optional `.meta.json`. */
export interface ChildPlan {
  agentId: string;
  files: SourceFile[];
  metaPath?: string;
}

/** What discovery hands to `load` in `SessionRef.data`. */
export interface ClaudeRefData {
  /** The conversation's own files in reading order: the original first, continuations after it. */
  files: SourceFile[];
  children: ChildPlan[];
  /** Project folders the files live in (for `sessions-index.json` and the folder-name cwd fallback). */
  projectDirs: string[];
  /**
   * Large tool outputs saved in the conversation's `tool-results/` folder, as discovery found them: the only
   * files a transcript's "Full output saved to" may pull in (never a path the log merely names).
   */
  toolResults?: string[];
}

/** What the head of a transcript file tells discovery, cached by path+size+mtime. */
export interface HeadInfo {
  /** `sessionId` of the first record that has one; null when the head has none. */
  sessionId: string | null;
  /** Timestamp of that record, to order continuation files. */
  timestamp?: string;
}

/** The adapter's options with their defaults applied (see `ClaudeAdapterOptions`). */
export interface ClaudeSettings {
  sessionsIndex: boolean;
}

export const DEFAULT_SETTINGS: ClaudeSettings = { sessionsIndex: true };
