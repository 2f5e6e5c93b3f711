import type { CommittedFile } from './commit.js';

export interface CommitCounts {
  new: number;
  updated: number;
  /** Sessions whose files were removed because the user excluded them. */
  removed?: number;
}

/**
 * The message of a convx commit: `convx: 12 new, 3 updated sessions (macbook)`. Zero counts are left out;
 * with nothing counted it says what else changed: transcripts, or only the settings.
 */
export function commitMessage(
  counts: CommitCounts,
  systemName?: string,
  otherwise = 'update settings',
): string {
  const parts: string[] = [];
  if (counts.new > 0) parts.push(`${counts.new} new`);
  if (counts.updated > 0) parts.push(`${counts.updated} updated`);
  const total = counts.new + counts.updated;
  const removed = counts.removed ?? 0;
  const noun = (n: number) => (n === 1 ? 'session' : 'sessions');
  const what = parts.length ? [`${parts.join(', ')} ${noun(total)}`] : [];
  if (removed > 0) what.push(`${removed} excluded ${noun(removed)} removed`);
  return `convx: ${what.length ? what.join(', ') : otherwise}${systemName ? ` (${systemName})` : ''}`;
}

/** A session's JSON twin: `.<basename>.json`, one per exported session (subagents live in their parent's). */
const TWIN = /(^|\/)\.[^/]+\.json$/;

/**
 * The message for what a commit actually holds: sessions counted by their JSON twins under the history
 * folder (added: new, changed or moved: updated, deleted: removed). A commit after runs that did not
 * commit holds their sessions too, so the run's own counts would undersell it.
 */
export function messageForFiles(
  files: readonly CommittedFile[],
  historySubpath: string,
  systemName?: string,
): string {
  const prefix = `${historySubpath.replace(/\/+$/, '')}/`;
  const history = files.filter((file) => file.path.startsWith(prefix));
  const twins = history.filter((file) => TWIN.test(file.path));
  const count = (status: CommittedFile['status']) => twins.filter((file) => file.status === status).length;
  return commitMessage(
    {
      new: count('added'),
      updated: count('modified') + count('renamed'),
      removed: count('deleted'),
    },
    systemName,
    history.length > 0 ? 'update transcripts' : 'update settings',
  );
}
