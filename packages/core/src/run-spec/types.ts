/**
 * A plugin named by its module: `import(module)[export]`, called with `options` when they are given (a
 * factory such as `createMarkdownRenderer`), else taken as it is (a community adapter's default export).
 */
export interface PluginRef {
  /** A package name or subpath (resolved from `RunSpec.resolveFrom`), an absolute path or a `file:` URL. */
  module: string;
  /** The export to use (default: `default`). */
  export?: string;
  /**
   * The factory's options; given (even `{}`), the export is called with them. Plain data (what
   * `structuredClone` copies), so a worker thread receives it unchanged.
   */
  options?: unknown;
}

/**
 * A run's plugins as plain data: which adapters, renderer, layout, filter, withdraw rules and transforms,
 * each a module name and its options. `resolveRunSpec` turns it into the functions `runSync` takes, in the
 * main thread and in every worker thread alike, so a worker rebuilds exactly the main thread's run from the
 * spec alone.
 *
 * A plugin value may carry an `id` (a transform's, a withdraw rule's, a layout's or filter's property):
 * what identifies its effect on the output, part of the render key. Without one, its spec entry (module,
 * export, options) is its identity.
 */
export interface RunSpec {
  /**
   * Folders (or `file:` URLs of modules) package names resolve from, first match wins: the program's own
   * location, so the same names find the same files in every thread.
   */
  resolveFrom?: string[];
  /** Each yields an `Adapter`. */
  adapters: PluginRef[];
  /** Yields a `Renderer`. */
  renderer: PluginRef;
  /** Passed to the renderer with every session (part of the render key); structured-cloneable. */
  renderOptions?: Record<string, unknown>;
  /** Yields a `LayoutFn`: the folders of a session below the history folder. */
  layout: PluginRef;
  /**
   * Yields `(session) => boolean`: the sessions to keep; `reason` is the skip reason of the others. Withdraw
   * rules then apply only to the sessions it keeps. A function property `includes(cwd)` on it (false: every
   * session recorded in that folder is rejected) becomes the run's discovery scope (`SyncOptions.scope`).
   */
  filter?: PluginRef & { reason?: string };
  /** Each yields `{ id?, test(session) }` (see `SyncOptions.withdraw`); the first reason wins. */
  withdraw?: PluginRef[];
  /** Each yields a `SessionTransform` (its `id` optional); applied in order. */
  transforms?: PluginRef[];
}
