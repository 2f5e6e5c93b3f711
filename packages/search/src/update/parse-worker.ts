// Worker thread entry: parses twins (the CPU-heavy half of a bulk update) and posts their records to the
// thread that writes the database. Records go in batches; at most a few batches are in flight, so memory
// stays bounded however far the parsing runs ahead.
import { parentPort, workerData } from 'node:worker_threads';
import type { TwinFile } from '../twins/find.js';
import { parseTwin } from './parse-twin.js';
import type { SessionEnd, SessionStart } from './records.js';

export type WorkerRecord =
  | ['start', index: number, session: SessionStart]
  | ['chunk', number: number, values: (string | null)[]]
  | ['end', session: SessionEnd]
  | ['fail', index: number, message: string];

export type WorkerMessage = { records: WorkerRecord[] } | { done: true };

const BATCH_CHARS = 1024 * 1024;
/**
 * Batches posted and not yet applied: the two threads take turns being the slower one (a big twin to parse,
 * a transaction to commit), and with two in flight each waited for the other ~2.4 s of a 9 s build.
 */
const IN_FLIGHT = 8;

const port = parentPort;
if (port) {
  const twins = (workerData as { twins: TwinFile[] }).twins;
  let inFlight = 0;
  let wake: (() => void) | undefined;
  port.on('message', () => {
    inFlight--;
    wake?.();
    wake = undefined;
  });
  let records: WorkerRecord[] = [];
  let chars = 0;
  const post = () => {
    if (records.length === 0) return;
    port.postMessage({ records } satisfies WorkerMessage);
    records = [];
    chars = 0;
    inFlight++;
  };
  const pause = () =>
    inFlight >= IN_FLIGHT
      ? new Promise<void>((resolve) => {
          wake = resolve;
        })
      : undefined;
  for (let index = 0; index < twins.length; index++) {
    const twin = twins[index] as TwinFile;
    try {
      await parseTwin(twin, {
        start: (session) => void records.push(['start', index, session]),
        chunk(number, values) {
          records.push(['chunk', number, values]);
          for (const value of values) chars += value?.length ?? 0;
          // A big session's chunks go as they come; its reading waits (pause) while too many are in flight.
          if (chars >= BATCH_CHARS) post();
        },
        end: (session) => void records.push(['end', session]),
        pause,
      });
    } catch (error) {
      records.push(['fail', index, error instanceof Error ? error.message : String(error)]);
    }
    if (chars >= BATCH_CHARS / 4 || records.length >= 2000) post();
    const waiting = pause();
    if (waiting) await waiting;
  }
  post();
  port.postMessage({ done: true } satisfies WorkerMessage);
}
