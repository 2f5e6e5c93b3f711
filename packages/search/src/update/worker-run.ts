import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { TwinError } from '../twins/read.js';
import type { Applier, Work } from './apply.js';
import type { WorkerMessage, WorkerRecord } from './parse-worker.js';
import type { SessionSink } from './records.js';

/** The built worker entry beside this module (`dist/update/parse-worker.js` from a `dist/` chunk). */
function workerEntry(): URL | undefined {
  for (const candidate of ['./update/parse-worker.js', './parse-worker.js']) {
    const url = new URL(candidate, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url)) && !url.pathname.endsWith('.ts'))
      return url;
  }
  return undefined;
}

/**
 * The parsing thread's heap: small, so a build stays near the memory a backup takes (~50 MB less peak RSS on
 * the benchmark than V8's defaults). A twin that needs more (a message of tens of megabytes) ends the
 * thread, and the rest is parsed on the calling thread.
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 96 };
/** Tests shrink the thread's heap with this to make it run out of memory. */
const HEAP_ENV = 'CONVX_SEARCH_THREAD_HEAP_MB';

/**
 * Parses the twins in a worker thread and applies their records here, so a bulk build uses two cores: one
 * reads, parses and tokenizes JSON, the other feeds SQLite. Returns the index of the first twin it did not
 * finish (all of them when it stopped early: aborted, or the thread ended), for the caller to parse in this
 * thread; 0 when no built worker entry exists (run from source).
 */
export async function applyFromWorker(
  work: readonly Work[],
  applier: Applier,
  signal?: AbortSignal,
): Promise<number> {
  const entry = workerEntry();
  if (!entry) return 0;
  const worker = new Worker(entry, {
    workerData: { twins: work.map((w) => w.twin) },
    resourceLimits: process.env[HEAP_ENV]
      ? { ...RESOURCE_LIMITS, maxOldGenerationSizeMb: Number(process.env[HEAP_ENV]) }
      : RESOURCE_LIMITS,
  });
  let current = -1;
  let next = 0;
  let sink: SessionSink | undefined;
  const apply = (record: WorkerRecord) => {
    switch (record[0]) {
      case 'start':
        current = record[1];
        sink = applier.begin(current);
        sink?.start(record[2]);
        return;
      case 'chunk':
        sink?.chunk(record[1], record[2]);
        return;
      case 'end':
        sink?.end(record[1]);
        applier.finish(current);
        sink = undefined;
        next = current + 1;
        return;
      case 'fail':
        if (current !== record[1]) {
          current = record[1];
          sink = applier.begin(current);
        }
        applier.finish(current, new TwinError(record[2]));
        sink = undefined;
        next = current + 1;
    }
  };
  try {
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (error?: unknown) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve();
      };
      const onAbort = () => settle();
      signal?.addEventListener('abort', onAbort);
      worker.on('message', (message: WorkerMessage) => {
        if (settled) return;
        if ('done' in message) return settle();
        try {
          for (const record of message.records) apply(record);
          worker.postMessage('ack');
        } catch (error) {
          settle(error);
        }
      });
      // The thread ended (out of memory on a huge message, a crash): what it finished is kept, the rest is
      // parsed on this thread.
      worker.on('error', () => settle());
      worker.on('exit', () => settle());
    });
  } finally {
    await worker.terminate();
  }
  if (sink) applier.abandon();
  return next;
}
