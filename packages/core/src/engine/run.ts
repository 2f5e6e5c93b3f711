import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import type { SessionRef } from '../contract/adapter.js';
import { ConvxError, describeError } from '../errors.js';
import { readIndex, statePath, writeIndex, writeLastRun } from '../index-store/store.js';
import { createAdapterContext, silentLogger } from '../io/context.js';
import { sha256 } from '../io/hash.js';
import { SCHEMA_VERSION } from '../model/schema.js';
import { sessionKey } from '../model/session.js';
import { sanitizeRelativePath } from '../paths/sanitize.js';
import { writeFileAtomic } from './atomic.js';
import { PersistentCache } from './discovery-cache.js';
import { DurabilityBarrier } from './durability.js';
import { type ClaimTurn, exportSession, type RunState } from './export-session.js';
import { acquireLock } from './lock.js';
import { clearTemp, prepareOutput } from './output.js';
import type { Failure, SourceCounts, SyncOptions, SyncReport } from './types.js';

// The index is saved after this many changed sessions, but not more often than every few seconds: each save
// serializes the whole index, and a run killed in between only re-renders (identical bytes, nothing written).
const CHECKPOINT_EVERY = 250;
const CHECKPOINT_MIN_MS = 3000;
const YIELD_EVERY_MS = 10;
const emptyCounts = (): SourceCounts => ({
  discovered: 0,
  new: 0,
  updated: 0,
  unchanged: 0,
  skipped: 0,
  failed: 0,
});

/**
 * The sync engine: discover → skip unchanged → load → render → atomic write → index. One bad session,
 * file or database is a counted failure, never the end of the run. Sessions whose source disappeared keep
 * their exported files. Safe to kill at any moment: every file is replaced atomically, the index is saved
 * at checkpoints, and a re-run converges.
 */
export async function runSync(options: SyncOptions): Promise<SyncReport> {
  const started = Date.now();
  const dryRun = options.dryRun ?? false;
  const log = options.log ?? silentLogger;
  const historyParts = sanitizeRelativePath(options.historySubpath);
  if (historyParts.length === 0) {
    throw new ConvxError(
      'INVALID_OPTION',
      `The history subpath "${options.historySubpath}" is empty or leaves the output; use a relative folder such as history.`,
    );
  }
  const historySubpath = historyParts.join('/');
  await prepareOutput(options.outputRoot, dryRun);
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
      historyDir: join(options.outputRoot, ...historyParts),
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
      madeDirs: new Set(),
      barrier: new DurabilityBarrier(options.outputRoot),
    };
    for (const entry of Object.values(index.sessions))
      for (const out of entry.outputs) state.owners.set(out, entry.key);

    const sources: Record<string, SourceCounts> = {};
    const failures: Failure[] = [];
    const missingLocations: SyncReport['missingLocations'] = [];
    let sinceCheckpoint = 0;
    let lastCheckpoint = Date.now();
    const checkpoint = async (force = false) => {
      if (dryRun) return;
      if (!force && (sinceCheckpoint < CHECKPOINT_EVERY || Date.now() - lastCheckpoint < CHECKPOINT_MIN_MS))
        return;
      sinceCheckpoint = 0;
      lastCheckpoint = Date.now();
      // The index is the commit point: what it records as exported must be on disk first. An entry is set
      // only after its files went to the barrier, so the entries copied now are all covered by this flush;
      // sessions finishing during it wait for the next checkpoint.
      const sessions = { ...state.sessions };
      await state.barrier.flush();
      await writeIndex(options.outputRoot, { version: 1, sessions });
    };
    let indexDirty = false;

    try {
      for (const adapter of options.adapters) {
        const counts = emptyCounts();
        sources[adapter.name] = counts;
        const ctx = createAdapterContext({
          home: options.locationEnv.home,
          log,
          cache: cache.forAdapter(adapter.name),
          ...(options.signal ? { signal: options.signal } : {}),
          onProblem: (problem) => {
            counts.skipped++;
            failures.push({ source: adapter.name, path: problem.path, message: problem.message });
          },
        });
        const locations = options.inputs?.[adapter.name] ?? adapter.defaultLocations(options.locationEnv);
        const refs: SessionRef[] = [];
        const seen = new Set<string>();
        // All of an adapter's locations go to one discover call, so it can merge a session split across them.
        const present: string[] = [];
        for (const location of locations) {
          if (await ctx.stat(location)) present.push(location);
          else missingLocations.push({ source: adapter.name, path: location });
        }
        try {
          if (present.length) {
            for await (const ref of adapter.discover(ctx, present)) {
              if (seen.has(ref.sessionId)) continue;
              seen.add(ref.sessionId);
              refs.push(ref);
            }
          }
        } catch (error) {
          if (options.signal?.aborted) throw error;
          counts.failed++;
          failures.push({
            source: adapter.name,
            path: present.join(', '),
            message: `discovery failed: ${describeError(error)}`,
          });
        }
        counts.discovered = refs.length;
        options.onProgress?.({ type: 'discovered', source: adapter.name, total: refs.length });

        let done = 0;
        const turns = claimTurns(refs.length);
        let position = 0;
        await forEachLimit(refs, options.concurrency ?? 4, async (ref) => {
          const turn = turns[position++] as ClaimTurn;
          const key = sessionKey(adapter.name, ref.sessionId);
          let outcome: Awaited<ReturnType<typeof exportSession>>;
          try {
            options.signal?.throwIfAborted();
            const before = state.sessions[key];
            outcome = await exportSession(state, adapter, ctx, ref, turn);
            if (state.sessions[key] !== before) {
              indexDirty = true;
              sinceCheckpoint++;
            }
          } catch (error) {
            if (options.signal?.aborted) throw error;
            outcome = 'failed';
            failures.push({ source: adapter.name, path: ref.path, key, message: describeError(error) });
            log.debug(error instanceof Error && error.stack ? error.stack : String(error));
          } finally {
            turn.release();
          }
          counts[outcome]++;
          done++;
          options.onProgress?.({
            type: 'session',
            source: adapter.name,
            key,
            outcome,
            done,
            total: refs.length,
          });
          await checkpoint();
        });
      }
    } finally {
      // Saved on every exit, an abort included, so the next run does not count finished work as new.
      if (indexDirty) await checkpoint(true);
    }

    const totals = emptyCounts();
    for (const counts of Object.values(sources)) {
      for (const k of Object.keys(totals) as Array<keyof SourceCounts>) totals[k] += counts[k];
    }
    const durationMs = Date.now() - started;
    if (!dryRun) {
      if (cache.dirty) await writeFileAtomic(cachePath, cache.serialize(), state.tmpDir);
      await writeLastRun(options.outputRoot, { startedAt: state.now, durationMs, totals });
    }
    return {
      sources,
      totals,
      failures,
      warnings: state.warnings,
      withdrawn: state.withdrawn,
      written: state.written.sort(),
      removed: state.removed.sort(),
      wouldWrite: state.wouldWrite.sort(),
      missingLocations,
      dryRun,
      startedAt: state.now,
      durationMs,
    };
  } finally {
    await release();
  }
}

/** Everything besides the source that decides the output bytes and paths; a change re-renders. */
function renderKeyOf(options: SyncOptions, historySubpath: string): string {
  return sha256(
    JSON.stringify({
      schema: SCHEMA_VERSION,
      renderer: [options.renderer.name, options.renderer.version],
      options: options.renderOptions ?? {},
      transform: options.transform?.id ?? null,
      withdraw: options.withdraw?.id ?? null,
      layout: options.layoutId ?? null,
      filter: options.filterId ?? null,
      labels: options.labels ?? {},
      historySubpath,
    }),
  ).slice(0, 16);
}

async function forEachLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  // On the first error every worker stops taking items, and all of them settle before it is rethrown:
  // nothing may still be writing once the caller releases the lock.
  let lastYield = Date.now();
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (!failure && next < items.length) {
      // Small files are read and written with direct calls, so a run of sessions may never wait on the
      // event loop: give it a turn every few milliseconds, or Ctrl-C and the progress bar would wait too.
      if (Date.now() - lastYield > YIELD_EVERY_MS) {
        lastYield = Date.now();
        await setImmediate();
        if (failure || next >= items.length) break; // the others took the last items meanwhile
      }
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  });
  await Promise.all(workers);
  if (failure) throw failure.error;
}

/** One turn per discovered session: each waits for the previous one's name claim (or its end). */
function claimTurns(count: number): ClaimTurn[] {
  let previous: Promise<void> = Promise.resolve();
  return Array.from({ length: count }, () => {
    const wait = previous;
    let release = () => {};
    previous = new Promise<void>((resolve) => {
      release = resolve;
    });
    return { wait: () => wait, release };
  });
}
