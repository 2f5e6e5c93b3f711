import { isConvxError, isDiskFull } from '../errors.js';
import { writeFileAtomic } from '../store/atomic.js';
import { statePath, writeLastRun } from '../store/index-file.js';
import { acquireLock } from '../store/lock.js';
import { nextOpenProblems } from '../store/open-problems.js';
import { readOpenProblems, writeOpenProblems } from '../store/problems.js';
import { SpaceReserve } from '../store/space-reserve.js';
import { diskFullError } from './commit/disk-full.js';
import { checkOutput, openRun, type Run } from './open-run.js';
import { type Plan, planRun } from './plan/plan.js';
import { InThreadPreparer } from './prepare/in-thread.js';
import type { Preparer } from './prepare/strategy.js';
import { startThreads, ThreadPreparer } from './prepare/threads/thread-preparer.js';
import type { WorkerPool } from './prepare/threads/worker-pool.js';
import type { SyncOptions, SyncReport } from './types.js';

/**
 * The sync engine: lock → plan (discover, skip what is unchanged) → prepare in order (load, render into temp
 * files; here or in worker threads) → commit (rename into place, record in the index) → save. One bad session,
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
  const checked = await checkOutput(options, dryRun);
  const release = dryRun
    ? async () => {}
    : await acquireLock(statePath(options.outputRoot, 'lock'), options.lockTimeoutMs ?? 0);
  try {
    const run = await openRun(options, checked, started);
    const missingLocations = await exportChanged(run);
    return await finish(run, missingLocations);
  } finally {
    await release();
  }
}

/**
 * Plans the run, prepares the changed sessions in order and commits each (the settler), then saves the
 * index — also when the run is aborted, so the next run does not count finished work as new.
 */
async function exportChanged(run: Run): Promise<SyncReport['missingLocations']> {
  const { options, log, env, output, diskFull, settler } = run;
  // A first run exports everything: start the worker threads while the sources are being discovered.
  const eagerThreads =
    output.index.size === 0 ? startThreads(options, env, Number.POSITIVE_INFINITY, log) : undefined;
  let preparer: Preparer | undefined;
  let reserve = SpaceReserve.none;
  // Set when planning rewrote index entries, or the index was not read from its file (an older version's, or
  // rebuilt from the twins): the index is saved even if no session changes.
  let rewroteIndex = output.index.unsaved;
  try {
    const plan: Plan = await planRun({ ...run, index: output.index, renderKey: env.renderKey });
    rewroteIndex ||= plan.rewroteIndex;
    for (const { source } of plan.changed) diskFull.expect(source.tally);
    if (plan.changed.length > 0) {
      const threads = await (eagerThreads ?? startThreads(options, env, plan.changed.length, log));
      preparer = choosePreparer(run, threads);
      log.debug(preparer.description);
      if (!run.dryRun)
        reserve = await SpaceReserve.forIndex(
          options.outputRoot,
          run.tmpDir,
          output.index.size,
          plan.changed,
        );
      // The changed sessions are handed over: the preparer drops each once it is committed.
      await preparer.inOrder(plan.changed.splice(0), settler.settle, {
        signal: options.signal,
        halted: () => diskFull.hit,
      });
    }
    return plan.missingLocations;
  } finally {
    // The worker threads dispose their own memos as they close; the main thread's go once no load is left.
    await (preparer ?? (await eagerThreads))?.close();
    run.memos.dispose();
    // The room kept for the index, handed back just before it is saved.
    reserve.release();
    if ((settler.indexDirty || rewroteIndex) && !run.dryRun) {
      await run.checkpoints.final(isDiskFull).catch((error: unknown) => {
        diskFull.absorb(error);
        diskFull.indexSaved = false;
      });
    }
  }
}

/** Worker threads beside the main thread when they started; else the main thread alone. */
function choosePreparer(run: Run, threads: WorkerPool | undefined): Preparer {
  return threads
    ? new ThreadPreparer(threads, run.env, run.settler.entryOf)
    : new InThreadPreparer(run.env, run.settler.entryOf, run.options.concurrency ?? 4);
}

/** Saves the discovery cache, the run's totals and the open problems; the report. */
async function finish(run: Run, missingLocations: SyncReport['missingLocations']): Promise<SyncReport> {
  const { options, output, tallies, diskFull, now, dryRun } = run;
  const diskFullReport = diskFull.finish();
  const totals = tallies.totals();
  const durationMs = Date.now() - run.started;
  const open = nextOpenProblems(await readOpenProblems(options.outputRoot), {
    sources: new Set(options.adapters.map((a) => a.name)),
    decided: output.decided,
    warnings: output.warnings,
    failures: tallies.failures,
    now,
  });
  if (!dryRun) {
    // On a full disk only what is needed: the discovery cache is rebuilt by the next run. The three files
    // are independent: written at once, their fsyncs overlap (one after another they were ~0.1–0.7 s of a
    // cold backup's end).
    const saves = await Promise.allSettled([
      run.cache.dirty && !diskFull.hit
        ? writeFileAtomic(run.cachePath, run.cache.serialize(), run.tmpDir)
        : undefined,
      writeLastRun(options.outputRoot, { startedAt: now, durationMs, totals }),
      writeOpenProblems(options.outputRoot, open),
    ]);
    for (const save of saves) if (save.status === 'rejected') diskFull.absorb(save.reason);
  }
  return {
    sources: tallies.sources,
    totals,
    failures: tallies.failures,
    skipped: tallies.skipped,
    withdrawn: output.withdrawn,
    warnings: output.warnings,
    open,
    written: output.written.sort(),
    removed: output.removed.sort(),
    wouldWrite: output.wouldWrite.sort(),
    missingLocations,
    dryRun,
    startedAt: now,
    durationMs,
    ...(diskFullReport ? { diskFull: diskFullReport } : {}),
  };
}
