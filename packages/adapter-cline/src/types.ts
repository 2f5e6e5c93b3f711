// The ref data carried from discovery to load, and loose views of the records the Cline family writes.

/** The files of one extension task folder (`tasks/<id>/`) that exist; each optional. */
export interface TaskFiles {
  /** `api_conversation_history.json`: what the model saw (Anthropic MessageParam[]). */
  api?: string;
  /** `ui_messages.json`, or `claude_messages.json` of Claude Dev (2024) before its rename. */
  ui?: string;
  /** `task_metadata.json`: files in context, model usage, environment. */
  metadata?: string;
  /** `history_item.json` (Roo Code 2026-02+): title, cwd, mode, parent and child task links. */
  historyItem?: string;
}

/** One session as discovery planned it. Plain data: it crosses to worker threads. */
export type ClineRefData = TaskPlan | SdkPlan;

/** An extension task folder, with the subtasks (Roo/Kilo `new_task`) nested under it. */
export interface TaskPlan {
  kind: 'task';
  taskId: string;
  dir: string;
  files: TaskFiles;
  /** The parent task, from `history_item.json` (Roo Code 2026-02+). */
  parentId?: string;
  children: TaskPlan[];
}

/** A Cline CLI/SDK session folder (`~/.cline/data/sessions/<id>/`, 2026+). */
export interface SdkPlan {
  kind: 'sdk';
  sessionId: string;
  /** `<id>.messages.json`. */
  messages: string;
  /** `<id>.json`, the session manifest (title, cwd, model, times), when present. */
  manifest?: string;
  parentId?: string;
  children: SdkPlan[];
}

/** An Anthropic-style message as the histories store it (plus the fields Cline/Roo add). */
export interface ApiEntry {
  role?: unknown;
  content?: unknown;
  /** Epoch ms (Cline 2025-11+, Roo, the SDK). */
  ts?: unknown;
  /** Cline: `{modelId, providerId, mode}`; SDK: `{id, provider, family}`. */
  modelInfo?: unknown;
  /** Roo: a standalone reasoning item (`type: "reasoning"`, `summary`, `encrypted_content`). */
  type?: unknown;
  summary?: unknown;
  reasoning_content?: unknown;
  /** Roo: a condense summary / truncation marker. */
  isSummary?: unknown;
  isTruncationMarker?: unknown;
}

/** A ClineMessage of `ui_messages.json`. */
export interface UiMessage {
  ts?: unknown;
  type?: unknown;
  ask?: unknown;
  say?: unknown;
  text?: unknown;
  reasoning?: unknown;
  images?: unknown;
  files?: unknown;
  partial?: unknown;
  modelInfo?: unknown;
}
