import type { ScratchBuffers } from '../../io/scratch-buffers.js';
import type { IndexEntry, SkipReason } from '../../store/types.js';
import type { SyncOptions } from '../types.js';

/** What preparing a session needs: the same on the main thread and in a worker thread. */
export interface PrepareEnv {
  options: Pick<
    SyncOptions,
    | 'renderer'
    | 'renderOptions'
    | 'layout'
    | 'filter'
    | 'filterReason'
    | 'withdraw'
    | 'transform'
    | 'force'
    | 'holdChars'
    | 'maxLineBytes'
    | 'labels'
    | 'historySubpath'
    | 'attachmentMaxBytes'
  >;
  /** The output root: index entries record paths relative to it. */
  outputRoot: string;
  historyDir: string;
  tmpDir: string;
  /** Where streamed sessions spill their messages (the temp folder, or the system's in a dry run). */
  spillDir: string;
  renderKey: string;
  dryRun: boolean;
  /** The run's start, recorded as `exportedAt`. */
  now: string;
  /** This thread's reusable buffers for the run (reading sources, writing files). */
  buffers: ScratchBuffers;
  /**
   * Set in a worker thread: a line too long for the thread's small heap hands the session back to the main
   * thread (`OutgrewThreadError`) instead of failing it.
   */
  handBack?: boolean;
}

/** The part of `PrepareEnv` a worker thread receives as it is (the rest it makes itself). */
export type PrepareSettings = Omit<PrepareEnv, 'options' | 'buffers' | 'handBack'>;

/** An index entry before the run decides its outputs. */
export type EntryDraft = Omit<IndexEntry, 'outputs'>;

/** One output file of a prepared session: its path below the history folder and its temp file. */
export interface PreparedFile {
  rel: string;
  /** The written temp file; absent when the target already holds these bytes, or in a dry run. */
  temp?: string;
}

/**
 * A session brought as far as it goes without touching the output: the decision, and for an export the
 * files written to temp files under the name it hopes for (`basename`). The main thread commits it.
 */
export type Prepared =
  | { kind: 'touched'; contentHash: string }
  | { kind: 'withdrawn'; skip: SkipReason; entry: EntryDraft }
  | { kind: 'skipped'; skip: SkipReason; entry: EntryDraft }
  | {
      kind: 'export';
      dir: string;
      /** The name the session would have if no other session held it. */
      plain: string;
      /** The name the files were rendered for. */
      basename: string;
      files: PreparedFile[];
      entry: EntryDraft;
      warnings: Array<{ path: string; message: string }>;
    };
