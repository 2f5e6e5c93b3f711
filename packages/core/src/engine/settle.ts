import { isDiskFull } from '../errors.js';
import { statOrUndefined } from '../io/fs.js';
import { sessionKey } from '../model/session.js';
import type { SessionIndex } from '../store/session-index.js';
import type { Checkpoints } from './commit/checkpoints.js';
import { claimName, commitPrepared } from './commit/commit-export.js';
import type { DiskFullStop } from './commit/disk-full.js';
import type { OutputState } from './commit/output-state.js';
import { failureOf } from './failures.js';
import { type ChangedSession, entryOf, keyOf } from './plan/plan.js';
import { prepareHere } from './prepare/in-thread.js';
import { discardPrepared } from './prepare/prepare-export.js';
import type { PrepareResult } from './prepare/strategy.js';
import { WorkerJobError } from './prepare/threads/worker-pool.js';
import type { Prepared, PrepareEnv } from './prepare/types.js';
import type { Settled } from './tally.js';
import type { SyncOptions } from './types.js';

export interface SettleEnv {
  options: Pick<SyncOptions, 'transform' | 'signal' | 'log'>;
  /** What preparing on this thread needs (a session prepared again for the name it got). */
  prepare: PrepareEnv;
  output: OutputState;
  checkpoints: Checkpoints<SessionIndex>;
  diskFull: DiskFullStop;
}

/**
 * Brings each prepared session into the output, in discovery order: its name claimed, its files committed,
 * its index entry recorded, its outcome counted; a failure is counted, not thrown (an abort is). Marks the
 * index dirty whenever an entry changed, and asks for a checkpoint.
 */
export class Settler {
  /** Whether an index entry changed this run (the index is then saved at the end). */
  indexDirty = false;

  constructor(private readonly env: SettleEnv) {}

  /** The session's index entry as the run knows it now. */
  entryOf = (item: Pick<ChangedSession, 'adapter' | 'ref'>) =>
    entryOf(this.env.options, this.env.output.index, item.adapter, item.ref);

  settle = async (item: ChangedSession, result: PrepareResult): Promise<void> => {
    const { options, output, checkpoints, diskFull } = this.env;
    const { adapter, ref, source } = item;
    const key = keyOf(options, adapter, ref);
    const sourceKey = sessionKey(adapter.name, ref.sessionId);
    const before = this.entryOf(item);
    // An entry recorded under the source's own id (before redaction changed it) is adopted.
    const adopted = sourceKey !== key && before !== undefined && !output.index.has(key);
    if (adopted)
      for (const out of before.outputs) if (output.owners.get(out) === sourceKey) output.owners.set(out, key);
    let settled: Settled;
    for (const problem of result.problems) source.ctx.report(problem);
    try {
      if ('error' in result) throw result.error;
      const prepared = await this.named(item, key, result.prepared);
      settled = await commitPrepared(
        output,
        { source: adapter.name, key, path: ref.path, fingerprint: ref.fingerprint, entry: before },
        prepared,
      );
    } catch (error) {
      if (options.signal?.aborted) throw error;
      // The disk is full: this session and every later one are counted together when the run stops.
      if (isDiskFull(error)) return diskFull.absorb(error);
      settled = await this.failed(item, key, error);
    }
    if (adopted && output.index.has(key)) output.index.delete(sourceKey);
    if (output.index.get(key) !== before) {
      this.indexDirty = true;
      checkpoints.changedOne();
    }
    source.tally.settle({ key, path: ref.path }, settled);
    diskFull.settled(source.tally);
    if (output.dryRun) return;
    try {
      checkpoints.maybe();
    } catch (error) {
      diskFull.absorb(error);
    }
  };

  /**
   * An export under the name it claims: when another session of this run took the name it was prepared for
   * (only same-named sessions cost this), it is prepared again here, for the name it got.
   */
  private async named(item: ChangedSession, key: string, prepared: Prepared): Promise<Prepared> {
    if (prepared.kind !== 'export') return prepared;
    const basename = claimName(this.env.output, key, prepared);
    if (basename === prepared.basename) return prepared;
    discardPrepared(prepared);
    const again = await prepareHere(this.env.prepare, item, this.entryOf(item), basename);
    if ('error' in again) throw again.error;
    if (again.prepared.kind !== 'export' || again.prepared.basename !== basename) {
      discardPrepared(again.prepared);
      throw new Error(`the session changed while it was exported; the next run exports it again`);
    }
    return again.prepared;
  }

  /** How a session that could not be exported ends: skipped when its source vanished meanwhile. */
  private async failed(item: ChangedSession, key: string, error: unknown): Promise<Settled> {
    const { ref } = item;
    // Deleted between discovery and load (a tool pruning old sessions): nothing to export, files kept.
    if (!(await statOrUndefined(ref.path))) return { outcome: 'skipped', reason: 'deleted at source' };
    const stack = error instanceof WorkerJobError ? error.workerStack : (error as Error)?.stack;
    this.env.options.log?.debug(stack ?? String(error));
    const cwd = ref.cwd ?? this.env.output.index.planned(key)?.cwd;
    return { outcome: 'failed', ...failureOf(error), ...(cwd ? { cwd } : {}) };
  }
}
