import type { Message, Session } from '../model/types.js';
import type { AdapterContext } from './context.js';

/** What an adapter needs to compute its default source locations. Never read `process` directly. */
export interface LocationEnv {
  /** The home directory to resolve default locations against (`--home` overrides the real one). */
  home: string;
  /** Environment variables (e.g. `CODEX_HOME`, `CLAUDE_CONFIG_DIR`, `XDG_DATA_HOME`, `APPDATA`). */
  env: Readonly<Record<string, string | undefined>>;
  /** `process.platform` semantics: `darwin`, `linux`, `win32`. */
  platform: NodeJS.Platform;
}

/**
 * One session an adapter found, before loading it. Discovery must be cheap: a `stat`, not a read.
 */
export interface SessionRef<Data = unknown> {
  /** The session id inside the source (the key is `<adapter name>:<sessionId>`). */
  sessionId: string;
  /**
   * A cheap fingerprint of the source state, e.g. `size:mtimeMs` of every file, or a database row's
   * `lastUpdatedAt:bubbleCount`. Equal fingerprint ⇒ the session is skipped without being read.
   */
  fingerprint: string;
  /** The main file or database, for reports and the session's source location. */
  path: string;
  /**
   * Files whose content makes up the session. When the fingerprint changed but the content hash of these
   * files did not (a touched file), the engine skips the session anyway. Leave out for database sources,
   * whose fingerprint is already content-based.
   */
  files?: string[];
  /**
   * Bytes of source the session reads, when discovery knows it from its stat. Optional: the engine prepares
   * big sessions first, and only in worker threads.
   */
  size?: number;
  /**
   * The session's working folder, when discovery knows it without reading the session (a Cursor workspace's
   * folder). Only a hint for reports: if the session fails, `convx sync` can tell another project's failure
   * from one of its own repository.
   */
  cwd?: string;
  /**
   * Set when discovery already knows there is nothing to export, to the reason reports give (e.g. `deleted in
   * Cursor`, `deleted at source`). The engine counts the session as skipped with this reason and never loads
   * it; files earlier runs exported for it are kept.
   */
  skip?: string;
  /**
   * Adapter-private data carried from discover to load (row ids, file lists). Not persisted; it crosses to a
   * worker thread by structured clone, so keep it plain data.
   */
  data?: Data;
}

/**
 * What `discover` answers: every ref at once (an array, or a promise of one), or one at a time (an async
 * iterable, e.g. an `async function*`). The array is the cheaper: a generator costs a promise and a result
 * object per ref (10,000 refs on a large home). Read any of them with `discoveredRefs`.
 */
export type Discovery<Data = unknown> =
  | Iterable<SessionRef<Data>>
  | AsyncIterable<SessionRef<Data>>
  | Promise<Iterable<SessionRef<Data>>>;

/**
 * The contract every source adapter implements. Required members are few; everything else is optional.
 * See docs/writing-an-adapter.md.
 */
export interface Adapter<Data = unknown> {
  /** Short lower-case id, used in keys, output paths and `--source-system` (`codex`, `claude`). */
  name: string;
  /** Human name for reports (`Codex CLI`). Defaults to `name`. */
  displayName?: string;
  /**
   * Default places to look, derived from the home directory and the tool's own environment variables.
   * Returned paths need not exist; the engine skips missing ones (and reports them in verbose mode).
   */
  defaultLocations(env: LocationEnv): string[];
  /**
   * Lists the sessions under the given locations (files or folders; each may be missing): one ref per
   * session, de-duplicated by `sessionId`, as an array (an `async` function returning one) or an async
   * generator (see {@link Discovery}). Must not read file contents beyond what is needed to know that a
   * session exists; a problem with one entry is reported through `ctx.report`, never thrown.
   */
  discover(ctx: AdapterContext, locations: string[]): Discovery<Data>;
  /**
   * Reads one session completely. Malformed records are counted in `session.diagnostics`, not thrown; throw
   * only when the session as a whole cannot be read (the engine reports it and goes on).
   */
  load(ctx: AdapterContext, ref: SessionRef<Data>): Promise<Session>;
  /**
   * Optional, for sources whose sessions can be huge: reads one session like `load`, but hands each top-level
   * message to `emit`, in order, as soon as it is settled, instead of keeping it, and resolves to the session
   * with `messages: []` (title, times, models, children and diagnostics as `load` gives them). The engine
   * prefers it, so a session of any size is exported in bounded memory. Its emitted messages and result must
   * equal what `load` returns; the simplest way is to implement `load` on top of it
   * (see {@link loadFromStream}).
   */
  stream?(ctx: AdapterContext, ref: SessionRef<Data>, emit: MessageSink): Promise<Session>;
}

/** Receives a streamed session's messages in order. */
export type MessageSink = (message: Message) => void;
