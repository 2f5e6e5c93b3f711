import type { SessionRef } from '../../../contract/adapter.js';
import type { SourceProblem } from '../../../contract/context.js';
import type { RunSpec } from '../../../run-spec/types.js';
import type { IndexEntry } from '../../../store/types.js';
import type { SyncOptions } from '../../types.js';
import type { Prepared, PrepareSettings } from '../types.js';

/** What a worker thread starts with (its `workerData`). */
export interface WorkerInit {
  /** The run's plugins as data, from which the worker resolves the run's functions. */
  spec: RunSpec;
  home: string;
  /** The run's settings besides functions; the render key is checked against the rebuilt options. */
  env: PrepareSettings & {
    historySubpath: string;
    labels?: SyncOptions['labels'];
    force?: boolean;
    holdChars?: number;
    attachmentMaxBytes?: number;
    maxLineBytes?: number;
  };
}

/** Main thread → worker: prepare one session. */
export interface WorkerJob {
  type: 'prepare';
  id: number;
  adapter: string;
  ref: SessionRef;
  entry: IndexEntry | undefined;
  basename?: string;
}

type Problems = SourceProblem[];

/** Worker → main thread. */
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'init-failed'; message: string }
  | { type: 'log'; level: 'debug' | 'info' | 'warn'; text: string }
  /** Answers `{type: 'close'}` once the thread has disposed its run's memos. */
  | { type: 'closed' }
  | { type: 'result'; id: number; prepared: Prepared; problems: Problems }
  | {
      type: 'error';
      id: number;
      message: string;
      aborted: boolean;
      stack?: string;
      problems: Problems;
      /** A ConvxError's code, or a system error's (`ENOSPC`). */
      code?: string;
      /** The session needs more memory than the thread has (a long line): prepare it on the main thread. */
      retryHere?: boolean;
    };
