import type { Values } from '../options/values.js';

/** How a run reports: shared by `convx backup` and `convx sync`. */
export interface OutputFlags {
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  noColor?: boolean;
}

/**
 * The options of `convx backup` and `convx sync` as typed (absent when not given, so the config can fill in),
 * by the option table's names, plus the global output switches. Usable directly by in-process callers.
 */
export type RunFlags = Values & OutputFlags;
