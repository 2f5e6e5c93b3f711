// Normalized views of OpenCode records, whichever store they came from (SQLite or the JSON storage tree).

/** Session fields convx uses. Times are epoch milliseconds. */
export interface OcSessionInfo {
  id: string;
  parentId?: string;
  projectId?: string;
  directory?: string;
  title?: string;
  version?: string;
  timeCreated?: number;
  timeUpdated?: number;
}

/** A message: its id plus the JSON body (`role`, `time`, `modelID`, `providerID`, `error`, `agent`…). */
export interface OcMessage {
  id: string;
  timeCreated?: number;
  data: Record<string, unknown>;
}

/** A part: its id, its message, and the JSON body (`type` ∈ text, reasoning, tool, file, patch…). */
export interface OcPart {
  id: string;
  messageId: string;
  data: Record<string, unknown>;
}

/** Where one session lives. */
export type OcOrigin =
  | { store: 'db'; path: string }
  | {
      store: 'storage';
      /** The `storage/session/<project>/<id>.json` file. */
      sessionFile: string;
      /** Message files, each with its part files. */
      messages: { path: string; parts: string[] }[];
    };

/** One session as discovery planned it, with its child (subagent) sessions nested. */
export interface OcPlan {
  sessionId: string;
  parentId?: string;
  /** The session's own update time (ms) in its store: of two stores holding it, the fresher copy wins. */
  updated?: number;
  fingerprint: string;
  origin: OcOrigin;
  children: OcPlan[];
}

/** What discovery hands to `load` in `SessionRef.data`: the session's plan. */
export type OpencodeRefData = OcPlan;

/** Everything `parse` needs to build one session. */
export interface OcSessionData {
  info: OcSessionInfo;
  messages: OcMessage[];
  parts: OcPart[];
}

/** Which tool's store an adapter reads: OpenCode's, or a tool built on its format (Kilo). */
export interface OcStore {
  /** The source name sessions are exported under (`opencode`, `kilo`). */
  source: string;
  /** The tool's name in messages (`OpenCode`, `Kilo Code`). */
  displayName: string;
  /** The database's file name in the data folder (`opencode.db`, `kilo.db`). */
  databaseFile: string;
}
