import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../contract/context.js';
import type { Prepared } from './prepare-export.js';
import type { WorkerInit, WorkerJob, WorkerReply } from './worker-protocol.js';

/** What a worker hands back for one session: the prepared result and the problems its load reported. */
export interface WorkerOutcome {
  prepared: Prepared;
  problems: Array<{ path: string; message: string }>;
}

/** A session the worker failed to prepare (its message is the worker's description of the error). */
export class WorkerJobError extends Error {
  constructor(
    message: string,
    readonly problems: Array<{ path: string; message: string }>,
    readonly aborted: boolean,
    readonly workerStack?: string,
  ) {
    super(message);
  }
}

/** The worker stopped before it started this session: run it elsewhere. */
export class WorkerLostError extends Error {}

interface Pending {
  resolve: (outcome: WorkerOutcome) => void;
  reject: (error: Error) => void;
}

/** One worker thread and the jobs sent to it. */
export class WorkerSlot {
  readonly pending = new Map<number, Pending>();
  dead: string | undefined;

  constructor(readonly worker: Worker) {}

  run(job: Omit<WorkerJob, 'type' | 'id'>): Promise<WorkerOutcome> {
    if (this.dead) return Promise.reject(new WorkerLostError(this.dead));
    const id = ++jobCounter;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        this.worker.postMessage({ type: 'prepare', id, ...job } satisfies WorkerJob);
      } catch (error) {
        // A ref an adapter filled with something that cannot cross threads: prepare it on the main thread.
        this.pending.delete(id);
        reject(new WorkerLostError(`cannot send the session to a worker: ${String(error)}`));
      }
    });
  }

  receive(reply: WorkerReply, log: Logger): void {
    switch (reply.type) {
      case 'log':
        log[reply.level](reply.text);
        return;
      case 'result':
      case 'error': {
        const pending = this.pending.get(reply.id);
        if (!pending) return;
        this.pending.delete(reply.id);
        if (reply.type === 'result') pending.resolve({ prepared: reply.prepared, problems: reply.problems });
        else pending.reject(new WorkerJobError(reply.message, reply.problems, reply.aborted, reply.stack));
        return;
      }
      default:
        return;
    }
  }

  /**
   * The thread ended (a crash, running out of memory). It works through its jobs in the order sent, so the
   * oldest was the one in hand: that session fails, the rest go elsewhere.
   */
  stopped(reason: string): void {
    this.dead ??= reason;
    let first = true;
    for (const pending of this.pending.values()) {
      pending.reject(
        first
          ? new Error(`the worker thread exporting this session stopped: ${reason}`)
          : new WorkerLostError(reason),
      );
      first = false;
    }
    this.pending.clear();
  }
}

let jobCounter = 0;
// A worker's young generation, like the main thread's (`--max-semi-space-size=8` in the CLI): larger ones
// only grow the run's memory, not its speed.
const WORKER_YOUNG_MB = 24;

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
    const started = await Promise.all(
      Array.from({ length: threads }, () => startWorker(entry, init, log).catch(() => undefined)),
    );
    const slots = started.filter((slot): slot is WorkerSlot => slot !== undefined);
    return slots.length ? new WorkerPool(slots) : undefined;
  }

  abort(): void {
    for (const slot of this.slots) if (!slot.dead) slot.worker.postMessage({ type: 'abort' });
  }

  async close(): Promise<void> {
    await Promise.all(
      this.slots.map(async (slot) => {
        slot.stopped('the run ended');
        await slot.worker.terminate();
      }),
    );
  }
}

function startWorker(entry: URL, init: WorkerInit, log: Logger): Promise<WorkerSlot> {
  const worker = new Worker(entry, {
    workerData: init,
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    stdout: false,
    stderr: false,
  });
  const slot = new WorkerSlot(worker);
  return new Promise((resolve, reject) => {
    let ready = false;
    const fail = (reason: string) => {
      if (slot.dead) return; // closed by the pool, or already reported
      slot.stopped(reason);
      if (!ready) {
        log.debug(`a worker thread did not start (${reason}); exporting with the others`);
        void worker.terminate();
        reject(new Error(reason));
      } else log.warn(`a worker thread stopped (${reason}); its sessions go to the others`);
    };
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready') {
        ready = true;
        resolve(slot);
      } else if (reply.type === 'init-failed') fail(reply.message);
      else slot.receive(reply, log);
    });
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', (code) => fail(`exited with code ${code}`));
  });
}

/** The built worker entry beside this module: `dist/engine/worker-entry.js` from a `dist/` chunk. */
function workerEntry(): URL | undefined {
  for (const candidate of ['./engine/worker-entry.js', './worker-entry.js']) {
    const url = new URL(candidate, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}
