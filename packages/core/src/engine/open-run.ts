import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../contract/context.js';
import { ConvxError } from '../errors.js';
import { silentLogger } from '../io/context.js';
import { RunMemos } from '../io/memo.js';
import { ScratchBuffers } from '../io/scratch-buffers.js';
import { historySubpathProblem } from '../paths/history-subpath.js';
import { sanitizeRelativePath } from '../paths/sanitize.js';
import { PersistentCache } from '../store/discovery-cache.js';
import { DurabilityBarrier } from '../store/durability.js';
import { openIndex, stageIndex, statePath } from '../store/index-file.js';
import { checkHistoryFolder, clearTemp, prepareOutput } from '../store/output.js';
import { RealFolders } from '../store/real-folders.js';
import type { SessionIndex } from '../store/session-index.js';
import { Checkpoints } from './commit/checkpoints.js';
import { DiskFullStop } from './commit/disk-full.js';
import { type OutputState, openOutputState } from './commit/output-state.js';
import { renderKeyOf } from './plan/render-key.js';
import type { PrepareEnv } from './prepare/types.js';
import { Settler } from './settle.js';
import { RunTally } from './tally.js';
import type { SyncOptions } from './types.js';

// A checkpoint comes after this many changed sessions, at most once a second: it flushes what was written
// since the last one (flushing every second rather than every three keeps each flush small: a cold backup
// on disk measured 7–10 % faster). The index, which a checkpoint then saves, is rewritten whole — 14 MB for
// 17,000 sessions, each entry serialized once per run — so it is saved at most every three seconds; a run
// killed in between only re-renders (identical bytes, nothing written).
const CHECKPOINT_EVERY = 50;
const CHECKPOINT_MIN_MS = 1000;
const INDEX_SAVE_MIN_MS = 3000;

/** The output's history folder, checked before anything is read or written. */
export interface CheckedOutput {
  historySubpath: string;
  historyDir: string;
  folders: RealFolders;
}

/**
 * Checks the history subpath and the output: the output root exists and is writable, and no link stands at
 * `.convx`, inside it, or on the way to the history folder.
 */
export async function checkOutput(options: SyncOptions, dryRun: boolean): Promise<CheckedOutput> {
  const problem = historySubpathProblem(options.historySubpath);
  if (problem) {
    throw new ConvxError(
      'INVALID_OPTION',
      `The history subpath ${options.historySubpath} ${problem}; use a folder inside the output, such as history.`,
    );
  }
  const historyParts = sanitizeRelativePath(options.historySubpath);
  const historyDir = join(options.outputRoot, ...historyParts);
  await prepareOutput(options.outputRoot, dryRun);
  const folders = new RealFolders(options.outputRoot);
  checkHistoryFolder(folders, historyDir);
  return { historySubpath: historyParts.join('/'), historyDir, folders };
}

/** Everything one run owns: made by `openRun`, passed down, gone when the run ends. */
export interface Run {
  options: SyncOptions;
  log: Logger;
  dryRun: boolean;
  started: number;
  /** The run's start as an ISO time (`exportedAt`, `since`). */
  now: string;
  tmpDir: string;
  cache: PersistentCache;
  cachePath: string;
  /** Read and write buffers this thread reuses for the run. */
  buffers: ScratchBuffers;
  /** The adapters' `ctx.memo`s in this thread; each worker thread has its own. */
  memos: RunMemos;
  /** What preparing a session needs (the same, rebuilt, in each worker thread). */
  env: PrepareEnv;
  output: OutputState;
  tallies: RunTally;
  checkpoints: Checkpoints<SessionIndex>;
  diskFull: DiskFullStop;
  settler: Settler;
}

/** Clears what a killed run left in the temp folder, reads the index and the discovery cache. */
export async function openRun(options: SyncOptions, checked: CheckedOutput, started: number): Promise<Run> {
  const dryRun = options.dryRun ?? false;
  const { historySubpath, historyDir, folders } = checked;
  if (!dryRun) await clearTemp(options.outputRoot);
  const index = await openIndex(options.outputRoot);
  const cachePath = statePath(options.outputRoot, 'cache.json');
  // A forced run looks at everything again, discovery's cached facts too (Crush's walk of the home).
  const cache = await PersistentCache.load(cachePath, { fresh: options.force === true });
  const now = new Date(started).toISOString();
  const tmpDir = statePath(options.outputRoot, 'tmp');
  const buffers = new ScratchBuffers();
  const env: PrepareEnv = {
    options: { ...options, historySubpath },
    outputRoot: options.outputRoot,
    historyDir,
    tmpDir,
    spillDir: dryRun ? tmpdir() : tmpDir,
    renderKey: renderKeyOf(options, historySubpath),
    dryRun,
    now,
    buffers,
  };
  const output = openOutputState({
    outputRoot: options.outputRoot,
    historyDir,
    historySubpath,
    dryRun,
    index,
    folders,
    barrier: new DurabilityBarrier(options.outputRoot),
  });
  const checkpoints = new Checkpoints(
    output.barrier,
    () => output.index.snapshot(),
    (snapshot) => stageIndex(options.outputRoot, snapshot),
    { every: CHECKPOINT_EVERY, minMs: CHECKPOINT_MIN_MS, saveMinMs: INDEX_SAVE_MIN_MS },
  );
  const diskFull = new DiskFullStop(options.outputRoot);
  return {
    options,
    log: options.log ?? silentLogger,
    dryRun,
    started,
    now,
    tmpDir,
    cache,
    cachePath,
    buffers,
    memos: new RunMemos(options.log ?? silentLogger),
    env,
    output,
    tallies: new RunTally(options.onProgress),
    checkpoints,
    diskFull,
    settler: new Settler({ options, prepare: env, output, checkpoints, diskFull }),
  };
}
