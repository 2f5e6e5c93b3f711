import type { IndexEntry } from './types.js';

/** What an entry describes beyond the decision; a session another project's sync rejected needs none of it. */
const DESCRIPTIVE = [
  'title',
  'startedAt',
  'endedAt',
  'messageCount',
  'models',
  'user',
  'systemName',
  'exportedAt',
  'contentHash',
] as const;

/**
 * Whether an entry records a session the run's filter rejected and nothing was ever written for: in a
 * repository's `convx sync`, the sessions of every other project of the home (most of the index).
 */
export function isRejected(
  entry: Pick<IndexEntry, 'skipped'> & { outputCount: number },
  filterReason: string | undefined,
): boolean {
  return filterReason !== undefined && entry.skipped?.reason === filterReason && entry.outputCount === 0;
}

/**
 * The entry of a rejected session, kept to the decision: key, source, id, fingerprint, render key, source
 * path and recorded folder (what the next run's plan, discovery scope and selection hint use). Its title,
 * times, size, models, labels and content hash are dropped: `stats` counts only sessions with outputs, and without the
 * content hash a touched-but-unchanged file is loaded and rejected again rather than hashed. Nearly half the
 * bytes of such an entry, read on every commit a hook syncs.
 */
export function briefRejected<E extends Partial<Pick<IndexEntry, (typeof DESCRIPTIVE)[number]>>>(
  entry: E,
): E {
  const brief = { ...entry };
  for (const field of DESCRIPTIVE) delete brief[field];
  return brief;
}

/**
 * Whether `briefRejected` would change the entry: one written before rejected entries were kept brief (every
 * such entry has `exportedAt`; named reads, as this runs over every entry of a large index).
 */
export function hasDescriptiveFields(entry: IndexEntry): boolean {
  return entry.exportedAt !== undefined || entry.messageCount !== undefined || entry.title !== undefined;
}
