export interface CommitCounts {
  new: number;
  updated: number;
  /** Sessions whose files were removed because the user excluded them. */
  removed?: number;
}

/**
 * The message of a convx commit: `convx: 12 new, 3 updated sessions (macbook)`. Zero counts are left out;
 * with nothing counted (only config changed) it says so.
 */
export function commitMessage(counts: CommitCounts, systemName?: string): string {
  const parts: string[] = [];
  if (counts.new > 0) parts.push(`${counts.new} new`);
  if (counts.updated > 0) parts.push(`${counts.updated} updated`);
  const total = counts.new + counts.updated;
  const removed = counts.removed ?? 0;
  const noun = (n: number) => (n === 1 ? 'session' : 'sessions');
  const what = parts.length ? [`${parts.join(', ')} ${noun(total)}`] : [];
  if (removed > 0) what.push(`${removed} excluded ${noun(removed)} removed`);
  return `convx: ${what.length ? what.join(', ') : 'update settings'}${systemName ? ` (${systemName})` : ''}`;
}
