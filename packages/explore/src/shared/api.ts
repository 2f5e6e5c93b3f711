/**
 * The shapes the explorer's JSON API returns (docs/explore.md), shared by the server and the browser app.
 * Search results, session summaries, facets and stats are `@convx/search`'s own types, passed through.
 */

/** A subagent of the session being shown. */
export interface ChildInfo {
  /** Its address below the session: `0`, `0.2` (child 2 of child 0). */
  agent: string;
  sessionId: string;
  title: string;
  type: string | null;
  description: string | null;
  startedAt: string | null;
  messageCount: number;
  /** Index of the tool call that spawned it, when found; null: listed after the transcript. */
  spawnedBy: number | null;
}

/** A page of one session's messages, read from its JSON twin, with what the transcript view needs around it. */
export interface TranscriptPage {
  key: string;
  /** `''` for the session itself, else the subagent's address (`0`, `0.1`). */
  agent: string;
  /** Parents of a subagent, outermost first (empty for the session itself). */
  trail: { agent: string; title: string }[];
  title: string;
  source: string;
  sessionId: string;
  cwd: string | null;
  models: string[];
  branch: string | null;
  startedAt: string | null;
  endedAt: string | null;
  agentType: string | null;
  user: string | null;
  machine: string | null;
  /** Absolute path of the Markdown transcript (of the subagent's own file for a subagent). */
  markdownPath: string;
  /** The command that resumes the session in its tool (`claude --resume <id>`), when it has one. */
  resume: string | null;
  /** Messages in the session; `kinds` has one letter per message (p prompt, a answer, t tool call, r tool
   *  result, h thinking, c context, e event, ? other). */
  total: number;
  kinds: string;
  offset: number;
  /** The messages `offset … offset + messages.length - 1`, as in the twin (long strings clipped, see `clipped`). */
  messages: unknown[];
  /** Message index → its size in bytes, for messages whose long strings were shortened for display. */
  clipped: Record<number, number>;
  children: ChildInfo[];
  diagnostics: unknown[];
}

/** `/api/sessions/<key>/find?q=`: the messages that contain the text (case-insensitive). */
export interface FindResult {
  matches: number[];
  /** True when more matches exist than were returned. */
  more: boolean;
}

/** Server-sent events on `/api/events`. */
export interface ChangeEvent {
  added: number;
  updated: number;
  removed: number;
}
