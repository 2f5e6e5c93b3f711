// The public types of @convx/search: the contract the CLI and the explorers code against
// (docs/search.md). Every query method is synchronous (node:sqlite is); `update()` streams twins.

export interface OpenIndexOptions {
  /**
   * Folders, relative to outputRoot, that hold JSON twins. Default: found from the output itself
   * (`history/`, `.ai/history/`, the `history_subpath` of `.convx/config.toml`'s [backup]/[sync]).
   */
  historyDirs?: string[];
  /**
   * Folders to search besides the default ones, remembered in the index so that later opens (without this
   * option) include them too: what a backup with a custom `--history-subpath` passes. Ignored with
   * `historyDirs`.
   */
  addHistoryDirs?: string[];
  /** Default: `<outputRoot>/.convx/state/search.db` (the git-ignored state folder). */
  dbPath?: string;
}

export interface SearchIndex {
  readonly outputRoot: string;
  /**
   * Brings the index in line with the twins on disk. Without `changed`: every twin is stat-ed and only new,
   * changed (size/mtime) or vanished twins are (re)indexed; a missing, corrupt or older-format index is
   * rebuilt. With `changed` (twin paths relative to outputRoot that a run wrote or removed): only those.
   */
  update(options?: UpdateOptions): Promise<UpdateReport>;
  /** Sessions matching the query, best first (or newest first), one hit per session. */
  search(query: string, options?: SearchOptions): SearchResult;
  /** Sessions matching the filters, without a text query. */
  listSessions(options?: ListOptions): SessionPage;
  /** One session by its key (`<source>:<sessionId>`). */
  getSession(key: string): SessionSummary | undefined;
  /** How many sessions each filter value holds, among the sessions the filters select. */
  facets(options?: FilterOptions): Facets;
  /** Activity over time, projects, models, tools and session lengths, among the sessions the filters select. */
  stats(options?: StatsOptions): IndexStats;
  /** Closes the database. The index must not be used afterwards. */
  close(): void;
}

export interface UpdateOptions {
  /** Twin paths (relative to outputRoot, `/`-separated) a run wrote or removed: only these are looked at. */
  changed?: string[];
  /** Stops between twins; what was indexed so far is kept. */
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface UpdateReport {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  /** A bad twin is reported, never stops the update. */
  failed: { path: string; message: string }[];
  /** True when the whole index was (re)built: it was missing, corrupt or of an older format. */
  rebuilt: boolean;
  ms: number;
}

/** Filters: as options, and also writable inside the query text (`source:claude after:2026-01-01`). */
export interface FilterOptions {
  source?: string[];
  /** The session's cwd: a path prefix, or a substring of it. */
  project?: string;
  machine?: string[];
  user?: string[];
  /** Substring match (`opus` matches `claude-opus-4-1`). */
  model?: string[];
  /** Sessions that used this tool name. */
  tool?: string[];
  branch?: string[];
  /** Only messages of this role match (search only). */
  role?: 'user' | 'assistant';
  /** ISO date or date-time, inclusive (session start). */
  since?: string;
  /** ISO date or date-time, exclusive; a date means the end of that day. */
  until?: string;
}

export interface SearchOptions extends FilterOptions {
  /** Default 20. */
  limit?: number;
  /** Default 0. */
  offset?: number;
  /** Default relevance. */
  sort?: 'relevance' | 'newest';
  /** Default true; false leaves tool results out of matching. */
  toolOutput?: boolean;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Sessions matched. */
  total: number;
  /** True when the exact query found nothing and the typo/substring fallback answered. */
  approximate: boolean;
  tookMs: number;
}

/** Public contract: `convx search --json` prints SearchHit[]; the web explorer's /api/search returns them. */
export interface SearchHit {
  /** `<source>:<sessionId>`. */
  key: string;
  source: string;
  /** The title, else the first typed prompt, else the id's tail. */
  title: string;
  /** The cwd as recorded. */
  project: string | null;
  machine: string | null;
  user: string | null;
  startedAt: string | null;
  endedAt: string | null;
  /** The session's Markdown file relative to outputRoot, '/'-separated. */
  path: string;
  /** Index in the twin's `messages` of the best-matching message (-1: title/metadata). */
  messageIndex: number;
  /**
   * Text around the best match; matched terms wrapped in <mark>…</mark>; every other character
   * HTML-escaped (& < > " '), so it is safe to insert as HTML.
   */
  snippet: string;
  /** Higher is better (negated bm25 plus weights); 0 when sort=newest. */
  score: number;
}

export interface ListOptions extends FilterOptions {
  /** Default newest. */
  sort?: 'newest' | 'oldest';
  /** Default 50. */
  limit?: number;
  offset?: number;
}

export interface SessionPage {
  sessions: SessionSummary[];
  total: number;
}

export interface SessionSummary {
  key: string;
  source: string;
  sessionId: string;
  title: string;
  project: string | null;
  machine: string | null;
  user: string | null;
  models: string[];
  branch: string | null;
  startedAt: string | null;
  endedAt: string | null;
  messageCount: number;
  toolCount: number;
  /** Markdown, relative to outputRoot. */
  path: string;
  /** JSON twin, relative to outputRoot. */
  twinPath: string;
}

export interface FacetValue {
  value: string;
  count: number;
}

export interface Facets {
  source: FacetValue[];
  project: FacetValue[];
  machine: FacetValue[];
  user: FacetValue[];
  model: FacetValue[];
  tool: FacetValue[];
}

export interface StatsOptions extends FilterOptions {
  /** For days and hours; default: the process's local offset. */
  utcOffsetMinutes?: number;
}

export interface IndexStats {
  sessions: number;
  messages: number;
  first: string | null;
  last: string | null;
  /** day = YYYY-MM-DD. */
  byDay: { day: string; source: string; sessions: number; messages: number }[];
  /** weekday 0 = Monday. */
  byHourOfWeek: { weekday: number; hour: number; sessions: number }[];
  /** Top 50 by sessions. */
  projects: FacetValue[];
  models: FacetValue[];
  /** Top 50 by calls. */
  tools: FacetValue[];
  /** Messages per session: 1-5, 6-20, 21-50, 51-200, 201+. */
  lengths: { bucket: string; count: number }[];
}
