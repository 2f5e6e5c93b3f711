import { describeError } from '../errors.js';
import { WorkerJobError } from './prepare/threads/worker-pool.js';

/** Error codes that mean the disk is full: no space left, or the user's quota used up. */
const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'DISK_FULL']);
/** Codes a session's failure carries in the report, for programs reading `--json`. */
const REPORTED_CODES = new Set(['LINE_TOO_LONG', 'NESTED_TOO_DEEP', 'UNREADABLE_SESSION', 'DISK_FULL']);

/** The code of an error, a ConvxError's or a system error's, also when it was raised in a worker thread. */
export function errorCode(error: unknown): string | undefined {
  if (error instanceof WorkerJobError) return error.code;
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether an error says the disk is full (writing more would fail the same way). */
export function isDiskFull(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && DISK_FULL_CODES.has(code);
}

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
