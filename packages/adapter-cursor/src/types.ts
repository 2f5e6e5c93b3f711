/**
 * Loose shapes of what Cursor stores. Every field is optional: the format changed many times, so code
 * reading these checks each value before trusting it.
 */

/** One message of a composer, inline (`conversation[]`) or in its own `bubbleId:` row. */
export interface RawBubble {
  /** 1 = user, 2 = assistant. */
  type?: unknown;
  bubbleId?: unknown;
  text?: unknown;
  /** Lexical editor state (usually a JSON string) of what the user typed. */
  richText?: unknown;
  thinking?: unknown;
  toolFormerData?: RawToolFormerData;
  codeBlocks?: unknown;
  /** ISO string in recent versions. */
  createdAt?: unknown;
  timingInfo?: { clientStartTime?: unknown } | null;
  modelInfo?: { modelName?: unknown } | null;
}

export interface RawToolFormerData {
  /** A numeric tool id in most versions; `name` holds the readable name. */
  tool?: unknown;
  name?: unknown;
  toolCallId?: unknown;
  status?: unknown;
  /** JSON text of the arguments as the model sent them. */
  rawArgs?: unknown;
  /** JSON text of the arguments as Cursor processed them. */
  params?: unknown;
  /** JSON text (or plain text) of the tool's result. */
  result?: unknown;
  error?: unknown;
}

/** A composer as stored in `composerData:<id>` or in a workspace's `allComposers[]`. */
export interface RawComposer {
  _v?: unknown;
  composerId?: unknown;
  name?: unknown;
  createdAt?: unknown;
  lastUpdatedAt?: unknown;
  conversation?: unknown;
  fullConversationHeadersOnly?: unknown;
  unifiedMode?: unknown;
  forceMode?: unknown;
  modelConfig?: { modelName?: unknown } | null;
}

/** A legacy chat tab (`workbench.panel.aichat.view.aichat.chatdata` → `tabs[]`). */
export interface RawTab {
  tabId?: unknown;
  chatTitle?: unknown;
  lastSendTime?: unknown;
  bubbles?: unknown;
}

/** A legacy chat bubble: `type` is `user` or `ai`. */
export interface RawLegacyBubble {
  type?: unknown;
  id?: unknown;
  text?: unknown;
  rawText?: unknown;
  richText?: unknown;
  codeBlocks?: unknown;
  modelType?: unknown;
}

/**
 * Where a conversation lives: the four storage eras, or `deleted` for a `composerData:<id>` row Cursor keeps
 * with a NULL value after the conversation was deleted (nothing to export).
 */
export type Era = 'legacy-chat' | 'workspace-inline' | 'global-inline' | 'global-bubbles' | 'deleted';

/** Composer facts read during discovery with `json_extract`, without parsing the composer in JS. */
export interface ComposerSummary {
  id: string;
  name?: string;
  createdAt?: number | string;
  lastUpdatedAt?: number | string;
  version?: number;
  /** Messages: `fullConversationHeadersOnly` length, else `conversation` length. */
  count: number;
  /** Whether the messages are in `bubbleId:` rows (headers) rather than inline. */
  bubbles: boolean;
}

export interface TabSummary {
  id: string;
  title?: string;
  lastSendTime?: number | string;
  count: number;
}

/** What one database holds, as discovery needs it. Cached per database state. */
export interface DatabaseScan {
  /** Composer ids the workspace's `composer.composerData` lists (the project mapping). */
  listed: string[];
  /** Composers whose conversation is inline in `ItemTable` `composer.composerData`. */
  workspaceComposers: ComposerSummary[];
  /** Composers in `cursorDiskKV` `composerData:<id>` rows. */
  globalComposers: ComposerSummary[];
  tabs: TabSummary[];
  /** Keys whose value is not valid JSON. */
  invalid: string[];
  /** Composers deleted in Cursor: their `composerData:<id>` row is kept with a NULL value. */
  deleted: string[];
}

/** The project a workspace folder maps to. */
export interface Project {
  cwd?: string;
  meta: Record<string, unknown>;
  /** Problems met while resolving (an unreadable `.code-workspace`), copied into each session's diagnostics. */
  problems: { code: string; message: string; path?: string }[];
}

/** Carried from discover to load in `SessionRef.data`. */
export interface CursorRefData {
  era: Era;
  db: string;
  id: string;
  title?: string;
  createdAt?: number | string;
  lastUpdatedAt?: number | string;
  project?: Project;
  /** The workspace database that lists this composer, when it is not `db` itself. */
  workspaceDb?: string;
}
