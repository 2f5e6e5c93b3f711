import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ConvxError } from '@convx/core';
import { GitCommandError, git } from './run.js';

/** A file the commit adds, changes, deletes or renames, relative to the `repo` folder given, `/`-separated. */
export interface CommittedFile {
  status: 'added' | 'modified' | 'deleted' | 'renamed';
  path: string;
}

export interface CommitPathsOptions {
  /** Any folder inside the repository (paths are resolved against it). */
  repo: string;
  /** Files or folders to commit (the history folder, `.convx/config.toml`, `.convx/.gitignore`). */
  paths: readonly string[];
  /** The message, or a function making it from what the commit holds (which may be more than this run wrote). */
  message: string | ((files: readonly CommittedFile[]) => string);
}

const STATUS: Readonly<Record<string, CommittedFile['status']>> = {
  A: 'added',
  M: 'modified',
  T: 'modified',
  D: 'deleted',
  R: 'renamed',
};

/** What a commit of `tree` on top of `base` changes (`git diff-tree`, renames detected), relative to `repo`. */
async function committedFiles(
  top: string,
  repo: string,
  base: string,
  tree: string,
): Promise<CommittedFile[]> {
  const inside = relative(top, resolve(repo)).split(sep).join('/');
  const prefix = inside ? `${inside}/` : '';
  const out = await git(['diff-tree', '-r', '-z', '-M', '--name-status', '--no-commit-id', base, tree], {
    cwd: top,
  });
  const fields = out.split('\0').filter(Boolean);
  const files: CommittedFile[] = [];
  for (let i = 0; i < fields.length; ) {
    const code = fields[i++]?.charAt(0) ?? '';
    // A rename or copy names the old path, then the new one.
    if (code === 'R' || code === 'C') i++;
    const path = fields[i++];
    const status = STATUS[code] ?? 'added';
    if (path?.startsWith(prefix)) files.push({ status, path: path.slice(prefix.length) });
  }
  return files;
}

async function revParse(repo: string, rev: string): Promise<string | undefined> {
  try {
    return await git(['rev-parse', '--verify', '--quiet', rev], { cwd: repo });
  } catch (error) {
    if (error instanceof GitCommandError) return undefined;
    throw error;
  }
}

/** Repository-relative, `/`-separated pathspecs; a path outside the repository is a programming error. */
function toPathspecs(top: string, repo: string, paths: readonly string[]): string[] {
  return paths.map((path) => {
    const rel = relative(top, resolve(repo, path));
    if (rel.startsWith('..') || isAbsolute(rel)) {
      throw new ConvxError('INVALID_OPTION', `Cannot commit ${path}: it is outside the repository ${top}.`);
    }
    return rel === '' ? '.' : rel.split(sep).join('/');
  });
}

/** Pathspecs that exist on disk or in HEAD (a deleted file must still be committed as a deletion). */
async function presentPathspecs(top: string, specs: string[], head: string | undefined): Promise<string[]> {
  const present: string[] = [];
  for (const spec of specs) {
    if (existsSync(join(top, spec))) present.push(spec);
    else if (head && (await git(['ls-tree', '-r', '--name-only', head, '--', spec], { cwd: top }))) {
      present.push(spec);
    }
  }
  return present;
}

/**
 * Commits exactly `paths` as they are on disk, and nothing else: the tree is built in a temporary index
 * (HEAD + these paths), so whatever the user has staged stays staged and uncommitted. Hooks do not run
 * (convx's own pre-commit hook would sync again). Afterwards the user's index is refreshed for these paths
 * only, so they do not show up as staged changes. Returns the new commit's hash, or undefined when the paths
 * match HEAD already.
 */
export async function commitPaths(options: CommitPathsOptions): Promise<string | undefined> {
  const top = resolve(options.repo, await git(['rev-parse', '--show-toplevel'], { cwd: options.repo }));
  const head = await revParse(top, 'HEAD');
  const specs = await presentPathspecs(top, toPathspecs(top, options.repo, options.paths), head);
  if (specs.length === 0) return undefined;

  const scratch = await mkdtemp(join(tmpdir(), 'convx-index-'));
  const env = { GIT_INDEX_FILE: join(scratch, 'index') };
  try {
    if (head) await git(['read-tree', head], { cwd: top, env });
    await git(['add', '--all', '--', ...specs], { cwd: top, env });
    const tree = await git(['write-tree'], { cwd: top, env });
    const headTree = head
      ? await revParse(top, `${head}^{tree}`)
      : await git(['hash-object', '-t', 'tree', '/dev/null'], { cwd: top });
    if (tree === headTree) return undefined;
    const message =
      typeof options.message === 'string'
        ? options.message
        : options.message(
            await committedFiles(
              top,
              options.repo,
              headTree ?? (await git(['hash-object', '-t', 'tree', '/dev/null'], { cwd: top })),
              tree,
            ),
          );
    const commit = await git(['commit-tree', tree, ...(head ? ['-p', head] : []), '-m', message], {
      cwd: top,
    });
    // Compare-and-swap: fails instead of losing a commit made meanwhile.
    await git(['update-ref', '-m', `commit: ${message.split('\n')[0]}`, 'HEAD', commit, head ?? ''], {
      cwd: top,
    });
    // The commit is made; refreshing the user's index is a courtesy (it fails only if the index is locked).
    await git(['reset', '--quiet', 'HEAD', '--', ...specs], { cwd: top }).catch(() => undefined);
    return commit;
  } catch (error) {
    if (error instanceof GitCommandError) {
      throw new ConvxError(
        'GIT_FAILED',
        `Could not commit in ${top}: ${error.stderr || error.message}; the exported files are kept, and the next run commits them.`,
        undefined,
        { cause: error },
      );
    }
    throw error;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
