// The ref data carried from discovery to load, and the rows read from a Crush database.

/** One session as discovery planned it, with its subagent sessions nested. Plain data: crosses to workers. */
export interface CrushRefData {
  sessionId: string;
  /** The `crush.db` holding it. */
  dbPath: string;
  /** The project folder owning the `.crush` data folder. */
  cwd?: string;
  parentId?: string;
  children: CrushRefData[];
}

/** A `sessions` row (times in Unix seconds). */
export interface SessionRow {
  id: string;
  parentId?: string;
  title?: string;
  promptTokens?: number;
  completionTokens?: number;
  cost?: number;
  createdAt?: number;
  updatedAt?: number;
  summaryMessageId?: string;
}

/** A `messages` row; `parts` is still the JSON text of `[{type, data}]`. */
export interface MessageRow {
  id: string;
  role: string;
  parts: string;
  model?: string;
  provider?: string;
  createdAt?: number;
  isSummary: boolean;
}

/** One session's rows. */
export interface SessionData {
  session: SessionRow;
  messages: MessageRow[];
}
