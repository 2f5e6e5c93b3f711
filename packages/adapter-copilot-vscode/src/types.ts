/**
 * Where a chat is stored, oldest generation first:
 * - `state.vscdb`: VS Code < 1.99 kept every chat of a window in its SQLite store, `ItemTable` key
 *   `interactive.sessions` (a JSON array of sessions).
 * - `json`: `chatSessions/<id>.json`, one session object (2025-03 .. VS Code 1.108).
 * - `jsonl`: `chatSessions/<id>.jsonl`, a change log replayed into the same object (VS Code 1.109+).
 */
export type Generation = 'state.vscdb' | 'json' | 'jsonl';

/**
 * Which window a chat belongs to: a folder or workspace window (`workspaceStorage/<hash>/`), an empty
 * window (`globalStorage/emptyWindowChatSessions/`, or the global `state.vscdb`), a chat moved between
 * windows (`globalStorage/transferredChatSessions/`), or a file named on the command line.
 */
export type Storage = 'workspace' | 'empty-window' | 'transferred' | 'file';

/** The project a workspace folder maps to. */
export interface Project {
  cwd?: string;
  meta: Record<string, unknown>;
  /** Problems met while resolving (an unreadable `.code-workspace`), copied into each session's diagnostics. */
  problems: { code: string; message: string; path?: string }[];
}

/** Carried from discover to load in `SessionRef.data`: plain data, it may cross to a worker thread. */
export interface CopilotVscodeRefData {
  generation: Generation;
  storage: Storage;
  /** The session file, or the `state.vscdb` holding it. */
  path: string;
  /** `workspaceStorage/<hash>/` for a workspace chat: its `workspace.json` names the folder. */
  workspaceDir?: string;
  /** The VS Code build the user folder belongs to (`Code`, `Code - Insiders`, `.vscode-server`). */
  product?: string;
}

/** One session of a `state.vscdb`, as discovery needs it. Cached per database state. */
export interface DatabaseSessionSummary {
  id: string;
  /** Short SHA-256 of the session's JSON text: its fingerprint, content-based. */
  hash: string;
  /** Bytes of the session's JSON text. */
  size: number;
}

// Loose views of what VS Code stores. Every field is optional and checked before use: the format changed
// with nearly every VS Code release.

/** A chat session (`ISerializableChatData`, versions 1–3). */
export interface RawSession {
  version?: unknown;
  sessionId?: unknown;
  creationDate?: unknown;
  lastMessageDate?: unknown;
  customTitle?: unknown;
  requesterUsername?: unknown;
  responderUsername?: unknown;
  initialLocation?: unknown;
  isImported?: unknown;
  requests?: unknown;
}

/** One turn: the prompt and everything the reply streamed. */
export interface RawRequest {
  requestId?: unknown;
  timestamp?: unknown;
  modelId?: unknown;
  agent?: unknown;
  message?: unknown;
  variableData?: unknown;
  response?: unknown;
  result?: unknown;
  isCanceled?: unknown;
  contentReferences?: unknown;
}
