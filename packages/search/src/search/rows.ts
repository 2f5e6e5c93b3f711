import type { SearchHit, SessionSummary } from '../types.js';

/** The sessions columns a summary or hit is made of (`sessions AS s`). */
export const SESSION_COLUMNS =
  's.id, s.key, s.source, s.session_id, s.title, s.project, s.machine, s.user, s.models, s.branch, ' +
  's.started_at, s.ended_at, s.message_count, s.tool_count, s.path, s.twin_path';

type Row = Record<string, unknown>;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function models(value: unknown): string[] {
  try {
    const parsed: unknown = JSON.parse(String(value));
    return Array.isArray(parsed) ? parsed.filter((m): m is string => typeof m === 'string') : [];
  } catch {
    return [];
  }
}

export function toSummary(row: Row): SessionSummary {
  return {
    key: String(row.key),
    source: String(row.source),
    sessionId: String(row.session_id),
    title: String(row.title),
    project: text(row.project),
    machine: text(row.machine),
    user: text(row.user),
    models: models(row.models),
    branch: text(row.branch),
    startedAt: text(row.started_at),
    endedAt: text(row.ended_at),
    messageCount: Number(row.message_count),
    toolCount: Number(row.tool_count),
    path: String(row.path),
    twinPath: String(row.twin_path),
  };
}

/** A hit in the public key order (the `--json` contract). */
export function toHit(row: Row, messageIndex: number, snippet: string, score: number): SearchHit {
  return {
    key: String(row.key),
    source: String(row.source),
    title: String(row.title),
    project: text(row.project),
    machine: text(row.machine),
    user: text(row.user),
    startedAt: text(row.started_at),
    endedAt: text(row.ended_at),
    path: String(row.path),
    messageIndex,
    snippet,
    score,
  };
}
