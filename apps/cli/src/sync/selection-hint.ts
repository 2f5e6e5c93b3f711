import { basename } from 'node:path';
import { readStoredIndex, type SyncReport } from '@convx/core';
import { formatCount, plural } from '../output/table.js';
import { comparable } from './paths.js';

/** How many folders with sessions a hint names at most. */
const NEAREST = 3;

export interface SelectionHintInput {
  report: SyncReport;
  /** The folder sync ran in. */
  cwd: string;
  /** The repository root (its folder name is what `--match-name` looks for). */
  root: string;
  recursive: boolean;
  matchName: boolean;
  /** The sources the run read; sessions of other sources in the index do not count. */
  sources: readonly string[];
  /** The run's selection: true for a session recorded in this folder (or below, or in a worktree). */
  filter: (session: { cwd?: string | undefined }) => boolean;
  /** The same selection with `--match-name`. */
  filterByName: (session: { cwd?: string | undefined }) => boolean;
}

export interface RecordedFolder {
  folder: string;
  sessions: number;
}

/**
 * The lines `convx sync` adds under its summary to say what its selection found: how many sessions were
 * recorded in this folder; when none, the folders nearest to it that do have sessions and `--match-name`
 * for clones elsewhere. The output's index remembers the folder of every session a run looked at, exported
 * or not (the summary's "unchanged" counts both), so it is what is counted. No lines when nothing was
 * discovered at all (the summary says so).
 */
export async function selectionHint(input: SelectionHintInput): Promise<string[]> {
  const { report } = input;
  const discovered = report.totals.discovered;
  if (discovered === 0) return [];
  const here = `${input.cwd}${input.recursive ? ' or below' : ''}`;
  const folders = await recordedFolders(input.root, input.sources);
  const mine = folders.filter((f) => input.filter({ cwd: f.folder }));
  // No index yet (a dry run into a fresh repository): then every session the run would export is new.
  const recorded = folders.length
    ? mine.reduce((n, f) => n + f.sessions, 0)
    : report.totals.new + report.totals.updated + report.withdrawn.length;
  const inAll = `${formatCount(discovered)} discovered in all`;
  if (recorded > 0) return [`Sessions recorded in ${here}: ${formatCount(recorded)} (${inAll}).`];

  const lines = [`No session was recorded in ${here} (${inAll}, in other folders).`];
  const others = folders.filter((f) => !mine.includes(f));
  const nearest = nearestFolders(others, input.cwd);
  if (nearest.length > 0) {
    lines.push(
      `Nearest folders with sessions: ${nearest.map((f) => `${f.folder} (${formatCount(f.sessions)})`).join(', ')}.`,
    );
  }
  if (!input.matchName) {
    const name = basename(input.root);
    const clones = others
      .filter((f) => input.filterByName({ cwd: f.folder }))
      .reduce((n, f) => n + f.sessions, 0);
    lines.push(
      clones > 0
        ? `${plural(clones, 'session')} ${clones === 1 ? 'was' : 'were'} recorded in other folders named ${name}: convx sync --match-name exports them too.`
        : `A clone of this project elsewhere (a folder also named ${name}): convx sync --match-name exports its sessions too.`,
    );
  }
  if (!input.recursive) lines.push('Sessions recorded in its subfolders: leave out --no-recursive.');
  return lines;
}

/**
 * The folders the output's index has sessions for, with how many, for the given sources. Read straight
 * from the stored index's planning rows: a missing index (a dry run into a fresh repository) is not rebuilt,
 * which would walk the whole project.
 */
async function recordedFolders(root: string, sources: readonly string[]): Promise<RecordedFolder[]> {
  const index = readStoredIndex(root);
  if (!index) return [];
  const counts = new Map<string, number>();
  for (const [, entry] of index.allPlanned()) {
    if (!entry.cwd || !sources.includes(entry.source)) continue;
    counts.set(entry.cwd, (counts.get(entry.cwd) ?? 0) + 1);
  }
  return [...counts].map(([folder, sessions]) => ({ folder, sessions }));
}

/** Folders sharing the most leading path segments with `cwd` first, then the busiest, then by path. */
export function nearestFolders(folders: readonly RecordedFolder[], cwd: string): RecordedFolder[] {
  const here = segments(cwd);
  const shared = (folder: string) => {
    const there = segments(folder);
    let n = 0;
    while (n < here.length && n < there.length && here[n] === there[n]) n++;
    return n;
  };
  return folders
    .map((f) => ({ ...f, shared: shared(f.folder) }))
    .sort(
      (a, b) =>
        b.shared - a.shared ||
        b.sessions - a.sessions ||
        (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0),
    )
    .slice(0, NEAREST)
    .map(({ folder, sessions }) => ({ folder, sessions }));
}

function segments(path: string): string[] {
  const { path: normalized, caseInsensitive } = comparable(path);
  return (caseInsensitive ? normalized.toLowerCase() : normalized).split('/').filter(Boolean);
}
