// Loose views of Codex records (the narrowing helpers — `str`, `asRecord`… — come from @convx/core).

/** Common fields every message built from one record shares. */
export interface RecordBase {
  timestamp?: string | undefined;
  id?: string | undefined;
}

/** Session-level facts gathered from the header / `session_meta` / `turn_context` records. */
export interface SessionFacts {
  /** Id from the first header or `session_meta`; later ones (resumed, forked) go to `otherIds`. */
  id?: string;
  otherIds: string[];
  timestamp?: string;
  cwd?: string;
  /** First `turn_context.cwd`, used when `session_meta` has none. */
  turnCwd?: string;
  gitBranch?: string;
  gitCommit?: string;
  repositoryUrl?: string;
  cliVersion?: string;
  originator?: string;
  source?: string;
  modelProvider?: string;
  /** The user instructions (AGENTS.md text) older headers carry. */
  instructions?: string;
  subagent?: SubagentFacts;
}

export interface SubagentFacts {
  kind: string;
  parentThreadId?: string;
  depth?: number;
  nickname?: string;
  role?: string;
}

/** How the file was written, kept in `meta.format` to help when a rendering looks wrong. */
export type CodexFormat = 'json' | 'jsonl' | 'envelope';
