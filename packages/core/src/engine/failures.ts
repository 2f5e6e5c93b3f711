import { describeError, errorCode } from '../errors.js';
import { WorkerJobError } from './prepare/threads/worker-pool.js';

/** Codes a session's failure carries in the report, for programs reading `--json`. */
const REPORTED_CODES = new Set(['LINE_TOO_LONG', 'NESTED_TOO_DEEP', 'UNREADABLE_SESSION', 'DISK_FULL']);

/**
 * What a session's failure says, and its code when it is one a reader can act on (`LINE_TOO_LONG`…). A
 * stack overflow is reported as the deep nesting it comes from, never in the engine's own words.
 */
export function failureOf(error: unknown): { message: string; code?: string } {
  // A worker thread's error arrives described already (its code beside it, not in front of it).
  const message = error instanceof WorkerJobError ? error.message : describeError(error);
  if (/Maximum call stack size exceeded/i.test(message))
    return { message: 'a value in it is nested too deeply to export', code: 'NESTED_TOO_DEEP' };
  const code = errorCode(error);
  return code && REPORTED_CODES.has(code) ? { message, code } : { message };
}
