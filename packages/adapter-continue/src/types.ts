// Loose views of Continue's session files (core/index.d.ts upstream), as observed from 2024-10 to 2026-03.
// Every field is optional: the format drifted, and the parser narrows field by field.

/** What discovery hands to `load` for one session file. */
export interface ContinueRefData {
  /** The `<sessionId>.json` file. */
  file: string;
  /** From the `sessions.json` index, when it lists the session (it misses some). */
  index?: IndexEntry;
  /** The file's mtime (ms): the start time of a session the index does not date. */
  mtimeMs: number;
}

/** One `sessions.json` entry, narrowed. */
export interface IndexEntry {
  title?: string;
  /** Epoch ms (the index stores it as a string). */
  dateCreated?: number;
  workspaceDirectory?: string;
}

/** A `ToolCallState` (2025-07+ `toolCallStates[]`, earlier the singular `toolCallState`). */
export interface ToolCallStateView {
  callId: string;
  name?: string;
  input?: unknown;
  status?: string;
  output?: string;
}
