import type * as v from 'valibot';
import { REQUIRED_KEY, UNKNOWN_KEY } from '../options/kinds.js';

/** How a TOML value looks in a message: strings quoted, tables and lists named. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object' && value !== null) return 'a table';
  return String(value);
}

type PathItem = NonNullable<v.BaseIssue<unknown>['path']>[number];

/** `backup.input_paths.codex`, `adapters[0].package`. */
function keyPath(path: readonly PathItem[]): string {
  return path
    .map((item, i) =>
      typeof item.key === 'number' ? `[${item.key}]` : `${i === 0 ? '' : '.'}${String(item.key)}`,
    )
    .join('');
}

/** Where an issue's key sits in the file, to list problems in the order of the file (a missing key last). */
function position(issue: v.BaseIssue<unknown>): number[] {
  return (issue.path ?? []).map((item) => {
    if (typeof item.key === 'number') return item.key;
    const at = Object.keys((item.input ?? {}) as object).indexOf(String(item.key));
    return at === -1 ? Number.POSITIVE_INFINITY : at;
  });
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** One problem as a sentence fragment after the file name: `sync.recursive must be a boolean (got "yes")`. */
function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = issue.path ?? [];
  const key = keyPath(path);
  if (issue.message.startsWith(`${UNKNOWN_KEY}:`)) {
    const prefix = keyPath(path.slice(0, -1));
    const guess = issue.message.slice(UNKNOWN_KEY.length + 1);
    return `unknown key ${key}${guess ? ` (did you mean ${prefix ? `${prefix}.` : ''}${guess}?)` : ''}`;
  }
  if (issue.message === REQUIRED_KEY) return `${key} is required`;
  // A refinement's message is the problem itself; a type's says what the value must be.
  if (issue.kind === 'validation') return `${key} ${issue.message}`;
  return `${key || 'the file'} must be ${issue.message} (got ${describeValue(issue.input)})`;
}

/** Every problem of a failed parse, in the order of the file, joined into one sentence. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const ordered = issues.map((issue) => ({ issue, at: position(issue) })).sort((a, b) => compare(a.at, b.at));
  return ordered.map(({ issue }) => describeIssue(issue)).join('; ');
}
