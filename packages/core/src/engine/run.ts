import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Adapter, SessionRef } from '../contract/adapter.js';
import { ConvxError, isConvxError } from '../errors.js';
import { silentLogger } from '../io/context.js';
import { statOrUndefined } from '../io/fs.js';
import { RunMemos } from '../io/memo.js';
import { sessionKey } from '../model/session.js';
import { historySubpathProblem } from '../paths/history-subpath.js';
import { sanitizeRelativePath } from '../paths/sanitize.js';
import { writeFileAtomic } from '../store/atomic.js';
import { PersistentCache } from '../store/discovery-cache.js';
import { DurabilityBarrier } from '../store/durability.js';
import { readIndex, statePath, writeIndex, writeLastRun } from '../store/index-file.js';
import { acquireLock } from '../store/lock.js';
import { nextOpenProblems } from '../store/open-problems.js';
import { checkHistoryFolder, clearTemp, prepareOutput } from '../store/output.js';
import { readOpenProblems, writeOpenProblems } from '../store/problems.js';
import { RealFolders } from '../store/real-folders.js';
import { SpaceReserve } from '../store/space-reserve.js';
import type { IndexEntry } from '../store/types.js';
import { Checkpoints } from './commit/checkpoints.js';
import { commitPrepared, type RunState } from './commit/commit-export.js';
import { DiskFullStop, diskFullError } from './commit/disk-full.js';
import { failureOf, isDiskFull } from './failures.js';
import { type DiscoveredSource, discoverSource } from './plan/discover-source.js';
import { outputKey } from './plan/output-id.js';
import { renderKeyOf } from './plan/render-key.js';
import { type Prepared, prepareExport } from './prepare/prepare-export.js';
import { type PrepareResult, prepareInOrder, startPool } from './prepare/prepare-in-order.js';
import { WorkerJobError, type WorkerPool } from './prepare/threads/worker-pool.js';
import { RunTally, type Settled } from './tally.js';
import type { SyncOptions, SyncReport } from './types.js';

// A checkpoint comes after this many changed sessions, at most once a second: it flushes what was written
// since the last one (flushing every second rather than every three keeps each flush small: a cold backup
// on disk measured 7–10 % faster). The index, which a checkpoint then saves, is rewritten whole — 11 MB for
// 12,000 sessions — so it is saved at most every three seconds; a run killed in between only re-renders
// (identical bytes, nothing written).
const CHECKPOINT_EVERY = 50;
const CHECKPOINT_MIN_MS = 1000;
const INDEX_SAVE_MIN_MS = 3000;

/**
 * The sync engine: discover → skip unchanged → load → render → atomic write → index. One bad session,
 * file or database is a counted failure, never the end of the run. Sessions whose source disappeared keep
 * their exported files. Safe to kill at any moment: every file is replaced atomically, the index is saved
 * at checkpoints, and a re-run converges. A full disk stops the export with what was written recorded
 * (`SyncReport.diskFull`), or, before anything could be written, throws a `DISK_FULL` ConvxError.
 */
export async function runSync(options: SyncOptions): Promise<SyncReport> {
  try {
    return await syncLocked(options);
  } catch (error) {
    if (isDiskFull(error) && !isConvxError(error)) throw diskFullError(options.outputRoot, error);
    throw error;
  }
}

async function syncLocked(options: SyncOptions): Promise<SyncReport> {
  const started = Date.now();
  const dryRun = options.dryRun ?? false;
  const log = options.log ?? silentLogger;
  const problem = historySubpathProblem(options.historySubpath);
  if (problem) {
    throw new ConvxError(
      'INVALID_OPTION',
      `The history subpath ${options.historySubpath} ${problem}; use a folder inside the output, such as history.`,
    );
  }
  const historyParts = sanitizeRelativePath(options.historySubpath);
  const historySubpath = historyParts.join('/');
  const historyDir = join(options.outputRoot, ...historyParts);
  await prepareOutput(options.outputRoot, dryRun);
  const folders = new RealFolders(options.outputRoot);
  checkHistoryFolder(folders, historyDir);
  const release = dryRun
    ? async () => {}
    : await acquireLock(statePath(options.outputRoot, 'lock'), options.lockTimeoutMs ?? 0);
  try {
    if (!dryRun) await clearTemp(options.outputRoot);
    const index = await readIndex(options.outputRoot);
    const cachePath = statePath(options.outputRoot, 'cache.json');
    const cache = await PersistentCache.load(cachePath);
    const state: RunState = {
      options: { ...options, historySubpath },
      outputRoot: options.outputRoot,
      historyDir,
      tmpDir: statePath(options.outputRoot, 'tmp'),
      spillDir: dryRun ? tmpdir() : statePath(options.outputRoot, 'tmp'),
      renderKey: renderKeyOf(options, historySubpath),
      owners: new Map(),
      sessions: index.sessions,
      dryRun,
      now: new Date(started).toISOString(),
      written: [],
      removed: [],
      wouldWrite: [],
      warnings: [],
      withdrawn: [],
      decided: new Set(),
      folders,
      barrier: new DurabilityBarrier(options.outputRoot),
      shared: new Map(),
    };
    for (const entry of Object.values(index.sessions))
      for (const out of entry.outputs) state.owners.set(out, entry.key);

    const tallies = new RunTally(options.onProgress);
    const missingLocations: SyncReport['missingLocations'] = [];
    const checkpoints = new Checkpoints(
      state.barrier,
      () => ({ ...state.sessions }),
      (sessions) => writeIndex(options.outputRoot, { version: 1, sessions }),
      { every: CHECKPOINT_EVERY, minMs: CHECKPOINT_MIN_MS, saveMinMs: INDEX_SAVE_MIN_MS },
    );
    let indexDirty = false;
    let pool: WorkerPool | undefined;
    const memos = new RunMemos(log);
    const diskFull = new DiskFullStop(options.outputRoot);
    let reserve = SpaceReserve.none;

    interface ChangedSession {
      adapter: Adapter;
      ref: SessionRef;
      source: DiscoveredSource;
    }
    const keyOf = (adapter: Adapter, ref: SessionRef) =>
      outputKey(options.transform, adapter.name, ref.sessionId);
    // An entry an earlier run recorded under the source's own id, before the transform (redaction) changed
    // it, is adopted: its files are replaced and its old entry dropped, so none stays behind.
    const sourceKeyOf = (adapter: Adapter, ref: SessionRef) => sessionKey(adapter.name, ref.sessionId);
    const entryOf = (adapter: Adapter, ref: SessionRef) =>
      state.sessions[keyOf(adapter, ref)] ?? state.sessions[sourceKeyOf(adapter, ref)];

    /** How a session that could not be exported ends: skipped when its source vanished meanwhile. */
    const failed = async (ref: SessionRef, key: string, error: unknown): Promise<Settled> => {
      // Deleted between discovery and load (a tool pruning old sessions): nothing to export, files kept.
      if (!(await statOrUndefined(ref.path))) return { outcome: 'skipped', reason: 'deleted at source' };
      const stack = error instanceof WorkerJobError ? error.workerStack : (error as Error)?.stack;
      log.debug(stack ?? String(error));
      const cwd = ref.cwd ?? state.sessions[key]?.cwd;
      return { outcome: 'failed', ...failureOf(error), ...(cwd ? { cwd } : {}) };
    };

    /** Brings one prepared session into the output (in discovery order); a failure is counted, not thrown. */
    const commit = async (
      job: ChangedSession,
      result: PrepareResult,
      prepareHere: (job: ChangedSession, basename?: string) => Promise<Prepared>,
    ) => {
      const { adapter, ref, source } = job;
      const key = keyOf(adapter, ref);
      const sourceKey = sourceKeyOf(adapter, ref);
      const before = entryOf(adapter, ref);
      const adopted = sourceKey !== key && before !== undefined && state.sessions[key] === undefined;
      if (adopted)
        for (const out of before.outputs) if (state.owners.get(out) === sourceKey) state.owners.set(out, key);
      let settled: Settled;
      for (const problem of result.problems) source.ctx.report(problem);
      try {
        if ('error' in result) throw result.error;
        settled = await commitPrepared(
          state,
          { source: adapter.name, key, path: ref.path, fingerprint: ref.fingerprint, entry: before },
          result.prepared,
          (basename) => prepareHere(job, basename),
        );
      } catch (error) {
        if (options.signal?.aborted) throw error;
        // The disk is full: this session and every later one are counted together when the run stops.
        if (isDiskFull(error)) return diskFull.absorb(error);
        settled = await failed(ref, key, error);
      }
      if (adopted && state.sessions[key] !== undefined) delete state.sessions[sourceKey];
      if (state.sessions[key] !== before) {
        indexDirty = true;
        checkpoints.changedOne();
      }
      source.tally.settle({ key, path: ref.path }, settled);
      diskFull.settled(source.tally);
      if (dryRun) return;
      try {
        checkpoints.maybe();
      } catch (error) {
        diskFull.absorb(error);
      }
    };

    // A first run exports everything: start the worker threads while the sources are being discovered.
    const eagerPool =
      Object.keys(state.sessions).length === 0
        ? startPool(options, state, Number.POSITIVE_INFINITY, log)
        : undefined;
    try {
      // Every source is discovered first, so the worker threads then have one uninterrupted queue.
      const changed: ChangedSession[] = [];
      for (const adapter of options.adapters) {
        // Only the changed refs are kept, each until it is committed.
        const { refs, ...source } = await discoverSource(adapter, tallies.source(adapter.name), {
          options,
          log,
          cache: cache.forAdapter(adapter.name),
          memo: memos.forAdapter(adapter.name),
          missingLocations,
        });
        for (const ref of refs) {
          const key = keyOf(adapter, ref);
          const entry = state.sessions[key];
          const session = { key, path: ref.path };
          // The adapter knows there is nothing to export (deleted in the tool): not loaded, files kept.
          if (ref.skip) source.tally.settle(session, { outcome: 'skipped', reason: ref.skip });
          // Unchanged sessions cost a stat (the fingerprint); the rest are prepared and committed.
          else if (!options.force && entry && isCurrent(entry, ref, state.renderKey))
            source.tally.settle(
              session,
              entry.skipped ? { outcome: 'skipped', ...entry.skipped } : { outcome: 'unchanged' },
            );
          else {
            changed.push({ adapter, ref, source });
            diskFull.expect(source.tally);
          }
        }
      }
      if (changed.length > 0) {
        pool = eagerPool ? await eagerPool : await startPool(options, state, changed.length, log);
        if (pool) log.debug(`exporting in ${pool.slots.length} worker thread(s) and the main thread`);
        if (!dryRun)
          reserve = await SpaceReserve.forIndex(options.outputRoot, state.tmpDir, state.sessions, changed);
        const prepareHere = ({ adapter, ref, source }: ChangedSession, basename?: string) =>
          prepareExport(state, adapter, source.ctx, ref, entryOf(adapter, ref), basename);
        await prepareInOrder(changed, {
          pool,
          jobOf: (job) => ({ adapter: job.adapter.name, ref: job.ref, entry: entryOf(job.adapter, job.ref) }),
          prepareHere,
          concurrency: options.concurrency ?? 4,
          commit: (job, result) => commit(job, result, prepareHere),
          halted: () => diskFull.hit,
          ...(options.signal ? { signal: options.signal } : {}),
        });
      }
    } finally {
      // The worker threads dispose their own memos as they close; the main thread's go once no load is left.
      await (pool ?? (await eagerPool))?.close();
      memos.dispose();
      // The room kept for the index, handed back just before it is saved.
      reserve.release();
      // Saved on every exit, an abort included, so the next run does not count finished work as new.
      if (indexDirty && !dryRun) {
        await checkpoints.final(isDiskFull).catch((error: unknown) => {
          diskFull.absorb(error);
          diskFull.indexSaved = false;
        });
      }
    }
    const diskFullReport = diskFull.finish();

    const totals = tallies.totals();
    const durationMs = Date.now() - started;
    const open = nextOpenProblems(await readOpenProblems(options.outputRoot), {
      sources: new Set(options.adapters.map((a) => a.name)),
      decided: state.decided,
      warnings: state.warnings,
      failures: tallies.failures,
      now: state.now,
    });
    if (!dryRun) {
      // On a full disk only what is needed: the discovery cache is rebuilt by the next run.
      const saves = async () => {
        if (cache.dirty && !diskFull.hit) await writeFileAtomic(cachePath, cache.serialize(), state.tmpDir);
        await writeLastRun(options.outputRoot, { startedAt: state.now, durationMs, totals });
        await writeOpenProblems(options.outputRoot, open);
      };
      await saves().catch((error: unknown) => diskFull.absorb(error));
    }
    return {
      sources: tallies.sources,
      totals,
      failures: tallies.failures,
      skipped: tallies.skipped,
      withdrawn: state.withdrawn,
      warnings: state.warnings,
      open,
      written: state.written.sort(),
      removed: state.removed.sort(),
      wouldWrite: state.wouldWrite.sort(),
      missingLocations,
      dryRun,
      startedAt: state.now,
      durationMs,
      ...(diskFullReport ? { diskFull: diskFullReport } : {}),
    };
  } finally {
    await release();
  }
}

/**
 * Whether a session's index entry still describes it: same fingerprint and render key. An entry without
 * outputs is current only when it records why the session was skipped (older entries did not: re-decided).
 */
function isCurrent(entry: IndexEntry, ref: SessionRef, renderKey: string): boolean {
  return (
    entry.renderKey === renderKey &&
    entry.fingerprint === ref.fingerprint &&
    (entry.outputs.length > 0 || entry.skipped !== undefined)
  );
}
