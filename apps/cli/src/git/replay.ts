import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitCommandError, git } from './run.js';

/** What replaying the local commits onto the remote's did. */
export type ReplayResult =
  /** The remote has nothing the branch lacks: the push was refused for another reason. */
  | { kind: 'up-to-date' }
  /** The branch now holds the remote's commits with the local ones on top; `commits` were rewritten. */
  | { kind: 'replayed'; head: string; commits: number }
  /** Both sides changed these paths differently: nothing was changed. */
  | { kind: 'conflict'; paths: string[] }
  /** The branch moved while replaying (another commit): nothing was changed; try again. */
  | { kind: 'moved' };

const ZERO = '0'.repeat(40);

/** One path a commit changed (`git diff-tree -z` output): its new mode and blob, or its deletion. */
interface Change {
  path: string;
  mode: string;
  blob: string;
  deleted: boolean;
}

/** The changes between two commits, without rename detection (each path on its own). */
async function changes(repo: string, from: string, to: string): Promise<Change[]> {
  const out = await git(['diff-tree', '-r', '-z', '--no-renames', '--no-commit-id', from, to], { cwd: repo });
  const parts = out.split('\0');
  const list: Change[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    // ":<old mode> <new mode> <old blob> <new blob> <status>" then the path.
    const [, mode = '', , blob = '', status = ''] = (parts[i] ?? '').slice(1).split(' ');
    list.push({ path: parts[i + 1] ?? '', mode, blob, deleted: status === 'D' });
  }
  return list;
}

/** Mode and blob of each path in a commit's tree (only the paths asked for). */
async function entriesAt(repo: string, commit: string, paths: string[]): Promise<Map<string, string>> {
  const entries = new Map<string, string>();
  if (paths.length === 0) return entries;
  const out = await git(['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...paths], {
    cwd: repo,
    env: { GIT_LITERAL_PATHSPECS: '1' },
  });
  for (const line of out.split('\0').filter(Boolean)) {
    const tab = line.indexOf('\t');
    const [mode, , blob] = line.slice(0, tab).split(' ');
    entries.set(line.slice(tab + 1), `${mode} ${blob}`);
  }
  return entries;
}

/**
 * Rebases the current branch's own commits onto `onto` (the remote branch just fetched) without touching
 * the working tree while it works: each commit's changes are applied to the remote's tree in a temporary
 * index, and the new commits keep their author, date and message. A path both sides changed differently is
 * a real conflict: then nothing changes at all, so the local commit is kept and the repository stays as it
 * was. Otherwise the working tree and index take the other side's files (a two-tree `read-tree -m -u`,
 * which keeps local and staged changes) and the branch moves to the result. Machines that each write only
 * their own folders never conflict.
 */
export async function replayOnto(repo: string, onto: string): Promise<ReplayResult> {
  const head = await git(['rev-parse', 'HEAD'], { cwd: repo });
  const base = await git(['merge-base', head, onto], { cwd: repo }).catch((error: unknown) => {
    if (error instanceof GitCommandError) return undefined;
    throw error;
  });
  if (base === onto) return { kind: 'up-to-date' };
  if (!base) return { kind: 'conflict', paths: ['(the local and remote branches share no history)'] };

  const local = (
    await git(['rev-list', '--reverse', '--topo-order', '--parents', `${base}..${head}`], { cwd: repo })
  )
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' '));
  if (local.some((parents) => parents.length > 2)) {
    return { kind: 'conflict', paths: ['(a merge commit among the local commits)'] };
  }
  const theirs = new Set((await changes(repo, base, onto)).map((c) => c.path));

  let parent = onto;
  const scratch = await mkdtemp(join(tmpdir(), 'convx-replay-'));
  const env = { GIT_INDEX_FILE: join(scratch, 'index') };
  try {
    await git(['read-tree', onto], { cwd: repo, env });
    for (const [commit = '', first = ''] of local) {
      const changed = await changes(repo, first, commit);
      // Both sides changed a path: fine only when they ended with the same content.
      const both = changed.filter((c) => theirs.has(c.path));
      const remote = await entriesAt(
        repo,
        onto,
        both.map((c) => c.path),
      );
      const conflicts = both.filter(
        (c) => remote.get(c.path) !== (c.deleted ? undefined : `${c.mode} ${c.blob}`),
      );
      if (conflicts.length > 0) return { kind: 'conflict', paths: conflicts.map((c) => c.path) };
      const lines = changed.map((c) =>
        c.deleted ? `0 ${ZERO}\t${c.path}` : `${c.mode} ${c.blob}\t${c.path}`,
      );
      await git(['update-index', '-z', '--index-info'], {
        cwd: repo,
        env,
        input: lines.map((line) => `${line}\0`).join(''),
      });
      const tree = await git(['write-tree'], { cwd: repo, env });
      parent = await copyCommit(repo, commit, tree, parent);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  // The working tree and index first: only paths that differ (the other side's files) change, and staged
  // changes elsewhere stay staged; a local change in the way stops it before anything moved.
  await git(['read-tree', '-m', '-u', head, parent], { cwd: repo });
  try {
    // Compare-and-swap: the branch moves only if nobody committed meanwhile.
    await git(['update-ref', '-m', `convx: rebase onto ${onto.slice(0, 12)}`, 'HEAD', parent, head], {
      cwd: repo,
    });
  } catch (error) {
    if (!(error instanceof GitCommandError)) throw error;
    await git(['read-tree', '-m', '-u', parent, head], { cwd: repo });
    return { kind: 'moved' };
  }
  return { kind: 'replayed', head: parent, commits: local.length };
}

/** A copy of `commit` with another tree and parent: same author, date and message. */
async function copyCommit(repo: string, commit: string, tree: string, parent: string): Promise<string> {
  const raw = await git(['cat-file', 'commit', commit], { cwd: repo });
  const split = raw.includes('\n\n') ? raw.indexOf('\n\n') : raw.length;
  const headers = raw.slice(0, split);
  const author = /^author (.*) <(.*)> (\d+ [+-]\d{4})$/m.exec(headers);
  // `git()` drops the final newline of its output; the message had one.
  const message = `${raw.slice(split + 2)}\n`;
  return git(['commit-tree', tree, '-p', parent, '-F', '-'], {
    cwd: repo,
    input: message,
    ...(author
      ? { env: { GIT_AUTHOR_NAME: author[1], GIT_AUTHOR_EMAIL: author[2], GIT_AUTHOR_DATE: author[3] } }
      : {}),
  });
}
