import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger, SourceProblem } from '../../../contract/context.js';
import type { Prepared } from '../types.js';
import type { WorkerInit, WorkerJob, WorkerReply } from './worker-protocol.js';

/** What a worker hands back for one session: the prepared result and the problems its load reported. */
export interface WorkerOutcome {
  prepared: Prepared;
  problems: SourceProblem[];
}

/** A session the worker failed to prepare (its message is the worker's description of the error). */
export class WorkerJobError extends Error {
  constructor(
    message: string,
    readonly problems: SourceProblem[],
    readonly aborted: boolean,
    readonly workerStack?: string,
    /** The error's code in the thread (a ConvxError's, or a system error's such as `ENOSPC`). */
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * The worker stopped before it finished this session. `retry`: prepare it elsewhere — it was only queued, or
 * the thread ran out of memory on it; otherwise the session itself ended the thread
 * and fails.
 */
export class WorkerLostError extends Error {
  constructor(
    message: string,
    readonly retry: boolean,
    /**
     * The thread had this session in hand and ran out of memory, or found a line too long for its heap:
     * retry it on the main thread.
     */
    readonly inHand = false,
  ) {
    super(message);
  }
}

interface Pending {
  resolve: (outcome: WorkerOutcome) => void;
  reject: (error: Error) => void;
}

// A thread that keeps dying is not replaced forever.
const MAX_REPLACEMENTS = 3;

// A worker's young generation. Left to V8, it grows to semi-spaces of up to 64 MB on a large machine, which
// a busy thread soon fills: ~130 MB more of the run's peak memory for no speed (measured on the benchmark).
// Only the young generation is bounded: a value that outgrows it moves to the old generation, which has no
// limit of its own, so no session (a line of 80 MB, a file-sized tool output) can run a thread out of memory
// that the main thread would have had room for. Memory per session is bounded by streaming instead: the
// engine spills big sessions to disk and renders them through a bounded window, and `maxLineBytes` caps a line.
const WORKER_YOUNG_MB = 16;

/** One worker thread (replaced when it dies) and the jobs sent to it. */
export class WorkerSlot {
  readonly pending = new Map<number, Pending>();
  /** Why the thread is gone for good; undefined while it (or its replacement) works. */
  dead: string | undefined;
  private worker: Worker | undefined;
  private replacing: Promise<boolean> | undefined;
  private replacements = 0;
  private closed = false;
  /** Resolves when the thread has disposed its run's memos, once asked to close. */
  private onClosed: (() => void) | undefined;

  constructor(
    private readonly start: (slot: WorkerSlot) => Promise<Worker>,
    private readonly log: Logger,
  ) {}

  /** Starts the first thread; false when it could not start. */
  async open(): Promise<boolean> {
    try {
      this.worker = await this.start(this);
      return true;
    } catch (error) {
      this.dead = String((error as Error).message ?? error);
      return false;
    }
  }

  run(job: Omit<WorkerJob, 'type' | 'id'>): Promise<WorkerOutcome> {
    const worker = this.worker;
    if (this.dead || !worker || this.replacing)
      return Promise.reject(new WorkerLostError(this.dead ?? 'the thread is being replaced', true));
    const id = ++jobCounter;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        worker.postMessage({ type: 'prepare', id, ...job } satisfies WorkerJob);
      } catch (error) {
        // A ref an adapter filled with something that cannot cross threads: prepare it on the main thread.
        this.pending.delete(id);
        reject(new WorkerLostError(`cannot send the session to a worker: ${String(error)}`, true));
      }
    });
  }

  /** Resolves once a replacement thread works (true), or when there will be none (false). */
  async replaced(): Promise<boolean> {
    return this.replacing ? this.replacing : !this.dead && this.worker !== undefined;
  }

  receive(reply: WorkerReply): void {
    switch (reply.type) {
      case 'log':
        this.log[reply.level](reply.text);
        return;
      case 'result':
      case 'error': {
        const pending = this.pending.get(reply.id);
        if (!pending) return;
        this.pending.delete(reply.id);
        if (reply.type === 'result') pending.resolve({ prepared: reply.prepared, problems: reply.problems });
        // Too big for this thread's heap (it stopped before running out): the main thread prepares it.
        else if (reply.retryHere) pending.reject(new WorkerLostError(reply.message, true, true));
        else
          pending.reject(
            new WorkerJobError(reply.message, reply.problems, reply.aborted, reply.stack, reply.code),
          );
        return;
      }
      case 'closed':
        this.onClosed?.();
        return;
      default:
        return;
    }
  }

  /**
   * The thread ended. It works through its jobs in the order sent, so the oldest was the one in hand: out of
   * memory, that session is retried elsewhere; any other death fails it (the session may be what ends a
   * thread). The jobs behind it go elsewhere, and the thread is replaced.
   */
  stopped(worker: Worker, reason: string, outOfMemory: boolean): void {
    if (worker !== this.worker || this.closed) return;
    this.worker = undefined;
    const [inHand, ...queued] = this.pending.values();
    this.pending.clear();
    if (inHand && outOfMemory) inHand.reject(new WorkerLostError(reason, true, true));
    else inHand?.reject(new Error(`the worker thread exporting this session stopped: ${reason}`));
    for (const pending of queued) pending.reject(new WorkerLostError(reason, true));
    if (this.replacements >= MAX_REPLACEMENTS) {
      this.dead = reason;
      this.log.warn(`a worker thread stopped (${reason}); its sessions go to the others`);
      return;
    }
    this.replacements++;
    this.log.debug(`a worker thread stopped (${reason}); starting another`);
    this.replacing = this.start(this).then(
      (next) => {
        this.replacing = undefined;
        if (this.closed) {
          void next.terminate();
          return false;
        }
        this.worker = next;
        return true;
      },
      (error) => {
        this.replacing = undefined;
        this.dead = `${reason}; no replacement started: ${String((error as Error).message ?? error)}`;
        return false;
      },
    );
  }

  post(message: { type: 'abort' } | { type: 'close' }): void {
    this.worker?.postMessage(message);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.replacing?.catch(() => {});
    for (const pending of this.pending.values()) pending.reject(new WorkerLostError('the run ended', false));
    this.pending.clear();
    const worker = this.worker;
    this.worker = undefined;
    this.dead ??= 'the run ended';
    if (worker) {
      // The thread disposes what its adapters kept for the run (open databases) before it is stopped; one
      // busy with a session that was abandoned is not waited for long.
      const closed = new Promise<void>((resolve) => {
        this.onClosed = resolve;
        setTimeout(resolve, CLOSE_WAIT_MS).unref();
      });
      worker.postMessage({ type: 'close' });
      await closed;
      await worker.terminate();
    }
  }
}

let jobCounter = 0;
/** How long a closing thread may take to dispose its run's memos before it is terminated anyway. */
const CLOSE_WAIT_MS = 1000;

/**
 * Worker threads that prepare sessions for the engine. Started only when the built engine file exists next to
 * this module (a bundled or source-only copy of core runs everything on the main thread).
 */
export class WorkerPool {
  private constructor(readonly slots: WorkerSlot[]) {}

  static async start(threads: number, init: WorkerInit, log: Logger): Promise<WorkerPool | undefined> {
    const entry = workerEntry();
    if (!entry) {
      log.debug('worker threads unavailable (no built worker-entry.js next to the engine); exporting here');
      return undefined;
    }
    const slots = Array.from(
      { length: threads },
      () => new WorkerSlot((slot) => startWorker(entry, init, slot), log),
    );
    const opened = await Promise.all(slots.map((slot) => slot.open()));
    for (const [i, ok] of opened.entries())
      if (!ok) log.debug(`a worker thread did not start (${slots[i]?.dead}); exporting with the others`);
    const working = slots.filter((_, i) => opened[i]);
    return working.length ? new WorkerPool(working) : undefined;
  }

  abort(): void {
    for (const slot of this.slots) slot.post({ type: 'abort' });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.close()));
  }
}

/** Starts one thread and resolves once it has rebuilt the run's options; rejects when it cannot. */
function startWorker(entry: URL, init: WorkerInit, slot: WorkerSlot): Promise<Worker> {
  const worker = new Worker(entry, {
    workerData: init,
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    stdout: false,
    stderr: false,
  });
  return new Promise((resolve, reject) => {
    let ready = false;
    const fail = (reason: string, outOfMemory = false) => {
      if (ready) slot.stopped(worker, reason, outOfMemory);
      else {
        ready = true; // settled: later events of this worker are ignored
        void worker.terminate();
        reject(new Error(reason));
      }
    };
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready') {
        ready = true;
        resolve(worker);
      } else if (reply.type === 'init-failed') fail(reply.message);
      else slot.receive(reply);
    });
    worker.on('error', (error) =>
      fail(error.message, (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'),
    );
    worker.on('exit', (code) => fail(`exited with code ${code}`));
  });
}

/** The built worker entry beside this module: `dist/engine/prepare/threads/worker-entry.js` from a `dist/` chunk. */
function workerEntry(): URL | undefined {
  for (const candidate of ['./engine/prepare/threads/worker-entry.js', './worker-entry.js']) {
    const url = new URL(candidate, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}
