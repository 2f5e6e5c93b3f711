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
 * Parses the twins in a worker thread and applies their records here, so a bulk build uses two cores: one
 * reads, parses and tokenizes JSON, the other feeds SQLite. False when no built worker entry exists (run
 * from source): the caller then parses in this thread.
 */
export async function applyFromWorker(
  work: readonly Work[],
  applier: Applier,
  signal?: AbortSignal,
): Promise<boolean> {
  const entry = workerEntry();
  if (!entry) return false;
  const worker = new Worker(entry, { workerData: { twins: work.map((w) => w.twin) } });
  let current = -1;
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
        return;
      case 'fail':
        if (current !== record[1]) {
          current = record[1];
          sink = applier.begin(current);
        }
        applier.finish(current, new TwinError(record[2]));
        sink = undefined;
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
      worker.on('error', (error) => settle(error));
      worker.on('exit', (code) =>
        settle(
          code === 0 ? undefined : new Error(`the search index's parsing thread stopped (exit code ${code})`),
        ),
      );
    });
  } finally {
    await worker.terminate();
  }
  return true;
}
