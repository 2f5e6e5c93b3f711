// Loose views of Codex records. Lines are read as `unknown` and narrowed field by field: formats drift, and
// a schema check per line would cost more than the parse itself.

export type JsonRecord = Record<string, unknown>;

export function asRecord(value: unknown): JsonRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonRecord)
    : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

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
