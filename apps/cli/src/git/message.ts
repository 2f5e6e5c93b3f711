export interface CommitCounts {
  new: number;
  updated: number;
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
  const what = parts.length
    ? `${parts.join(', ')} ${total === 1 ? 'session' : 'sessions'}`
    : 'update settings';
  return `convx: ${what}${systemName ? ` (${systemName})` : ''}`;
}
