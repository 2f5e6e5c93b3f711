// Shapes of Gemini CLI chat records, as observed (see docs/sources/gemini.md). Every field is optional:
// formats drift, and the parser reads them defensively.

export interface GeminiPart {
  text?: string;
  inlineData?: { mimeType?: string; data?: string };
  fileData?: { mimeType?: string; fileUri?: string };
}

/** `content` is a string (to Jan 2026) or a list of parts (from Feb 2026). */
export type GeminiContent = string | GeminiPart[] | undefined;

export interface GeminiThought {
  subject?: string;
  description?: string;
  timestamp?: string;
}

export interface GeminiFunctionResponse {
  functionResponse?: {
    id?: string;
    name?: string;
    response?: { output?: unknown; error?: unknown };
  };
}

export interface GeminiToolCall {
  id?: string;
  name?: string;
  args?: unknown;
  status?: string;
  timestamp?: string;
  result?: GeminiFunctionResponse[];
  resultDisplay?: unknown;
  displayName?: string;
  description?: string;
}

export interface GeminiMessage {
  id?: string;
  timestamp?: string;
  type?: string;
  content?: GeminiContent;
  model?: string;
  thoughts?: GeminiThought[];
  toolCalls?: GeminiToolCall[];
}

/** The session-level fields of a chat file (a JSON file's top level, or a JSONL file's first line). */
export interface GeminiChatMeta {
  sessionId?: string;
  projectHash?: string;
  startTime?: string;
  lastUpdated?: string;
  kind?: string;
  summary?: string;
  directories?: string[];
  parentSessionId?: string;
}

/** One chat file found by discovery, with what its head told us. */
export interface ChatFile {
  path: string;
  size: number;
  mtimeMs: number;
  /** The `<project-dir>` folder under `tmp/`. */
  projectDir: string;
  /** Session id read from inside the file (or the file stem when the file names none). */
  sessionId: string;
  /** Parent session id, for subagent and skill-extraction chats. */
  parentId?: string;
  /** `subagent`, `skill-extraction`, or undefined for a main chat. */
  agentType?: string;
  /** Resolved project path, when known. */
  cwd?: string;
}

/** One session as discovery planned it: its files, its project and its nested subagent sessions. */
export interface SessionPlan {
  sessionId: string;
  /** Set on subagent and skill-extraction sessions. */
  agentType?: string;
  /** Its files, oldest first, so a later save of a message wins the merge. */
  files: ChatFile[];
  cwd?: string;
  children: SessionPlan[];
}

/** What discovery hands to `load` in `SessionRef.data`: the session's plan. */
export type GeminiRefData = SessionPlan;
