import type { IndexEntry, IndexFile, LastRun, OpenProblems } from '@convx/core';

export interface StatsGroup {
  name: string;
  sessions: number;
  messages: number;
  /** Earliest session start in the group (ISO). */
  first?: string;
  /** Latest session end (or start) in the group (ISO). */
  last?: string;
}

export interface OutputStats {
  outputPath: string;
  sessions: number;
  messages: number;
  first?: string;
  last?: string;
  bySource: StatsGroup[];
  byUser: StatsGroup[];
  bySystem: StatsGroup[];
  /** By the session's working directory. */
  byProject: StatsGroup[];
  lastRun?: LastRun;
  /** Warnings and failures of the last runs still open (`.convx/state/problems.json`). */
  open: OpenProblems;
}

export const UNKNOWN = '(unknown)';

/** Exported sessions and messages of an output's index, grouped by source, user, machine and project. */
export function aggregateStats(
  outputPath: string,
  index: IndexFile,
  open: OpenProblems = { warnings: [], failures: [] },
): OutputStats {
  // Sessions remembered only to skip them (empty or filtered out) have no files: they are not in the output.
  const entries = Object.values(index.sessions).filter((entry) => entry.outputs.length > 0);
  const total = group('total', entries);
  return {
    outputPath,
    sessions: total.sessions,
    messages: total.messages,
    ...(total.first ? { first: total.first } : {}),
    ...(total.last ? { last: total.last } : {}),
    bySource: groupBy(entries, (e) => e.source),
    byUser: groupBy(entries, (e) => e.user),
    bySystem: groupBy(entries, (e) => e.systemName),
    byProject: groupBy(entries, (e) => e.cwd),
    ...(index.lastRun ? { lastRun: index.lastRun } : {}),
    open,
  };
}

function groupBy(entries: IndexEntry[], keyOf: (entry: IndexEntry) => string | undefined): StatsGroup[] {
  const buckets = new Map<string, IndexEntry[]>();
  for (const entry of entries) {
    const key = keyOf(entry)?.trim() || UNKNOWN;
    const bucket = buckets.get(key);
    if (bucket) bucket.push(entry);
    else buckets.set(key, [entry]);
  }
  return [...buckets]
    .map(([name, bucket]) => group(name, bucket))
    .sort((a, b) => b.sessions - a.sessions || a.name.localeCompare(b.name));
}

function group(name: string, entries: IndexEntry[]): StatsGroup {
  let messages = 0;
  let first: string | undefined;
  let last: string | undefined;
  for (const entry of entries) {
    messages += entry.messageCount ?? 0;
    const start = entry.startedAt;
    const end = entry.endedAt ?? entry.startedAt;
    // ISO-8601 UTC strings order correctly as strings.
    if (start && (!first || start < first)) first = start;
    if (end && (!last || end > last)) last = end;
  }
  return { name, sessions: entries.length, messages, ...(first ? { first } : {}), ...(last ? { last } : {}) };
}
