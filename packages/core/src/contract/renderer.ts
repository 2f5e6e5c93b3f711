import type { Message, Session } from '../model/types.js';

/** One file a renderer produces. `content` may be streamed in chunks so huge sessions never form one string. */
export interface RenderedFile {
  /**
   * Path relative to the session's base path (the engine's `<dir>/<basename>`), with `/` separators, e.g.
   * `.md` for the main transcript, or `/agent-1a2b.md` for a subagent. The engine joins it to the base as-is,
   * so `'.md'` becomes `<basename>.md` and `'/agent-x.md'` becomes `<basename>/agent-x.md`.
   */
  suffix: string;
  content: string | Iterable<string>;
}

export interface RenderContext {
  /** The basename chosen for the session (no extension), to link related files (`<basename>/agent-x.md`). */
  basename: string;
  /** Render options, validated by the renderer; part of the fingerprint, so changing them re-renders. */
  options: Readonly<Record<string, unknown>>;
}

/**
 * Turns a session into files. Must be deterministic: the same session and options give byte-identical
 * output on every run and machine (no clock, no locale, no random ids).
 */
export interface Renderer {
  /** Short id (`markdown`). */
  name: string;
  /**
   * Output-format version. Bump it whenever output bytes change for the same input: it is part of every
   * session's fingerprint, so an upgrade re-renders everything once.
   */
  version: string;
  render(session: Session, context: RenderContext): RenderedFile[];
  /**
   * Optional: renders a session too large to hold in memory. `session.messages` is empty; `messages()`
   * returns a new iterable over its messages, in order, each time it is called (each pass reads them again,
   * so keep only a bounded window of them). Must produce exactly the files `render` produces for the same
   * session with its messages in place; without it the engine loads the messages into memory and calls
   * `render`. Child sessions (`session.children`) are complete.
   */
  renderStream?(session: Session, messages: () => Iterable<Message>, context: RenderContext): RenderedFile[];
}
