import type { Failure, Open, OpenProblems, Warning } from './types.js';

/** What one finished run knows that decides which problems stay open. */
export interface RunOutcome {
  /** The sources this run read: only their failures are replaced. */
  sources: ReadonlySet<string>;
  /** Sessions exported, skipped or withdrawn this run: their earlier warnings are closed. */
  decided: ReadonlySet<string>;
  warnings: readonly Warning[];
  failures: readonly Failure[];
  /** The run's start, the `since` of what it reports first. */
  now: string;
}

const warningId = (w: Warning) => JSON.stringify([w.key, w.path, w.message]);
const failureId = (f: Failure) => JSON.stringify([f.source, f.key ?? null, f.path]);

/**
 * The problems open after a run. A session's warnings stay open until it is exported again (its new
 * warnings, if any, replace them) or is skipped or withdrawn. A run of a source reports again every failure
 * that still holds (a failed session is retried, discovery runs in full), so the failures of the sources
 * this run read are exactly its own; those of sources it did not read stay as they were. A problem reported
 * again keeps the time it was first seen.
 */
export function nextOpenProblems(previous: OpenProblems, run: RunOutcome): OpenProblems {
  const warningSince = new Map(previous.warnings.map((w) => [warningId(w), w.since]));
  const failureSince = new Map(previous.failures.map((f) => [failureId(f), f.since]));
  const since = <T>(map: Map<string, string>, id: string, item: T): Open<T> => ({
    ...item,
    since: map.get(id) ?? run.now,
  });
  return {
    warnings: [
      ...previous.warnings.filter((w) => !run.decided.has(w.key)),
      ...run.warnings.map((w) => since(warningSince, warningId(w), w)),
    ],
    failures: [
      ...previous.failures.filter((f) => !run.sources.has(f.source)),
      ...run.failures.map((f) => since(failureSince, failureId(f), f)),
    ],
  };
}
