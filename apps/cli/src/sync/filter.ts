import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { ConvxError, type Session, sha256 } from '@convx/core';
import {
  type ComparablePath,
  comparable,
  realpathIfExists,
  relativeWithin,
  worktreeRootVia,
} from './paths.js';
import type { Worktree } from './repo.js';

/** How reports explain a session sync leaves out because it was recorded elsewhere. */
export const NOT_IN_REPOSITORY = 'not in this repository';

export interface SessionFilterOptions {
  /** The root of the working tree sync runs in (`findRepoRoot`). */
  root: string;
  /** All worktrees of the repository (`listWorktrees`); sessions recorded in any of them count. */
  worktrees?: ReadonlyArray<Pick<Worktree, 'path' | 'bare'>>;
  /** Include sessions in folders below the current one (default true; `--no-recursive` turns it off). */
  recursive?: boolean;
  /**
   * Also match a session whose cwd merely has a folder named like the repository root (a clone on another
   * machine, a deleted checkout). Off by default: every repository called `api` would match.
   */
  matchName?: boolean;
  /** The folder sync was started in (default: `root`); it must be inside `root`. */
  cwd?: string;
  /** The common git dir (`describeRepo`): recognizes worktrees moved since git listed them. */
  commonDir?: string;
}

export interface SessionFilter {
  /** True for sessions that belong to this repository and folder. Results are cached per cwd. */
  filter: (session: Pick<Session, 'cwd'>) => boolean;
  /** Identifies the parameters, for the engine's index: a change re-evaluates every session. */
  filterId: string;
  /** The folders matched (with their real-path forms), for `--verbose` output. */
  folders: string[];
}

const isAbsoluteAnywhere = (path: string) =>
  isAbsolute(path) || /^[a-zA-Z]:[\\/]/.test(path) || path.startsWith('\\\\');

/** Both the given form of a folder and, when different, its real path (symlinks resolved). */
function bothForms(path: string): ComparablePath[] {
  const forms = [comparable(path)];
  const real = realpathIfExists(path);
  if (real && comparable(real).path !== forms[0]?.path) forms.push(comparable(real));
  return forms;
}

/** The current folder relative to the repository root, comparing given and real forms of both. */
function subpathOf(root: string, cwd: string): string {
  for (const base of bothForms(root)) {
    for (const here of bothForms(cwd)) {
      const rel = relativeWithin(base, here);
      if (rel !== undefined) return rel;
    }
  }
  throw new ConvxError('INVALID_OPTION', `${cwd} is not inside the repository ${root}.`);
}

/** Whether the folder or one of its parents holds a `.git`. */
function hasGitAbove(folder: string): boolean {
  for (let dir = folder; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return true;
    if (dirname(dir) === dir) return false;
  }
}

/** Does a path below a matched base count: the base itself always, deeper folders only when recursive. */
const accepts = (rest: string | undefined, recursive: boolean) =>
  rest === '' || (rest !== undefined && recursive);

/** `rest` relative to `subpath` within some root, or undefined when outside it. */
function within(subpath: string, rest: string): string | undefined {
  if (subpath === '') return rest;
  return relativeWithin({ path: subpath, caseInsensitive: false }, { path: rest, caseInsensitive: false });
}

/**
 * Builds sync's session selection: sessions whose recorded cwd is the current folder or below it (or exactly
 * it with `recursive: false`), in this worktree or any other worktree of the repository, comparing paths
 * after normalization (separators, trailing slashes, Windows drive case, symlinks resolved on both sides).
 */
export function createSessionFilter(options: SessionFilterOptions): SessionFilter {
  const recursive = options.recursive ?? true;
  const matchName = options.matchName ?? false;
  const subpath = subpathOf(options.root, options.cwd ?? options.root);
  const roots = [options.root, ...(options.worktrees ?? []).filter((w) => !w.bare).map((w) => w.path)];
  const bases = new Map<string, ComparablePath>();
  for (const root of roots) {
    for (const form of bothForms(subpath ? join(root, subpath) : root)) bases.set(form.path, form);
    // A worktree folder that is gone has no real path, so also join the subpath to the root's real form.
    for (const form of bothForms(root)) {
      const joined = comparable(subpath ? `${form.path}/${subpath}` : form.path);
      bases.set(joined.path, joined);
    }
  }
  const repoName = comparable(options.root).path.split('/').pop() ?? '';

  const matchesBase = (path: ComparablePath) =>
    [...bases.values()].some((base) => accepts(relativeWithin(base, path), recursive));

  const matchesByName = (path: ComparablePath) => {
    const segments = path.path.split('/');
    const name = path.caseInsensitive ? repoName.toLowerCase() : repoName;
    return segments.some((segment, i) => {
      if ((path.caseInsensitive ? segment.toLowerCase() : segment) !== name || !name) return false;
      return accepts(within(subpath, segments.slice(i + 1).join('/')), recursive);
    });
  };

  const decide = (cwd: string): boolean => {
    if (!cwd.trim() || !isAbsoluteAnywhere(cwd)) return false;
    const given = comparable(cwd);
    if (matchesBase(given)) return true;
    const real = realpathIfExists(cwd);
    if (real && matchesBase(comparable(real))) return true;
    if (options.commonDir && real) {
      const worktreeRoot = worktreeRootVia(options.commonDir, real);
      const rest = worktreeRoot ? relativeWithin(comparable(worktreeRoot), comparable(real)) : undefined;
      if (rest !== undefined && accepts(within(subpath, rest), recursive)) return true;
    }
    return matchName && matchesByName(given);
  };

  /**
   * Whether the folder lies in another repository nested inside this one (a submodule, an unrelated clone
   * under a dotfiles repository at `~`): its nearest `.git` belongs elsewhere. Those sessions belong to that
   * repository's own sync.
   */
  const inNestedRepo = (cwd: string): boolean => {
    if (!options.commonDir || !isAbsolute(cwd)) return false;
    // A folder deleted since is judged by its nearest existing ancestor.
    let folder = cwd;
    let real = realpathIfExists(folder);
    while (!real && dirname(folder) !== folder) {
      folder = dirname(folder);
      real = realpathIfExists(folder);
    }
    // No repository above it at all (a gone worktree's old parent): nothing says it belongs elsewhere.
    if (!real || !hasGitAbove(real)) return false;
    return worktreeRootVia(options.commonDir, real) === undefined;
  };

  const cache = new Map<string, boolean>();
  const folders = [...bases.keys()].sort();
  const parameters = {
    v: 2,
    folders,
    recursive,
    matchName,
    repoName: matchName ? repoName : undefined,
    subpath,
  };
  return {
    filter(session) {
      if (!session.cwd) return false;
      let verdict = cache.get(session.cwd);
      if (verdict === undefined) {
        verdict = decide(session.cwd) && !inNestedRepo(session.cwd);
        cache.set(session.cwd, verdict);
      }
      return verdict;
    },
    filterId: `sync-cwd:${sha256(JSON.stringify({ ...parameters, commonDir: options.commonDir })).slice(0, 16)}`,
    folders,
  };
}
