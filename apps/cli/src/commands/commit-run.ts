import { type ConvxError, isConvxError } from '@convx/core';
import { commitPaths, messageForFiles, type PushResult, pushWithRetry } from '../git/index.js';

export interface CommitResult {
  /** The new commit, or undefined when the run changed nothing convx owns. */
  hash?: string;
  message?: string;
  pushed?: PushResult;
  /** Why the commit or the push failed (the run's files, and a commit made, are kept). */
  error?: ConvxError;
  /** Lines for the human summary. */
  notes: string[];
  /** What `--json` adds under `git`. */
  json: Record<string, unknown>;
}

export interface CommitRunOptions {
  outputRoot: string;
  /** convx's own files: the history folder and `.convx/config.toml` / `.convx/.gitignore`. */
  paths: readonly string[];
  /** The history folder, relative to the output root (its JSON twins count the sessions in the message). */
  historySubpath: string;
  systemName?: string;
  push: boolean;
}

/**
 * Commits exactly convx's files as the run left them (never what the user had staged), then pushes when
 * asked — rebasing onto other machines' pushes (see `pushWithRetry`). A push happens even without a new
 * commit, so an earlier failed push catches up. A commit or push that fails is returned as `error` with what
 * did happen, so the summary still shows the run; a missing upstream is thrown as a usage error.
 */
export async function commitRun(options: CommitRunOptions): Promise<CommitResult> {
  // Titled by what the commit holds, which includes what earlier runs without --commit left uncommitted.
  let message = '';
  let hash: string | undefined;
  let committed = false;
  let pushed: PushResult | undefined;
  let error: ConvxError | undefined;
  try {
    hash = await commitPaths({
      repo: options.outputRoot,
      paths: options.paths,
      message: (files) => {
        message = messageForFiles(files, options.historySubpath, options.systemName);
        return message;
      },
    });
    committed = true;
    if (options.push) pushed = await pushWithRetry(options.outputRoot);
  } catch (caught) {
    if (!isConvxError(caught) || caught.code !== 'GIT_FAILED') throw caught;
    error = caught;
  }
  const notes: string[] = [];
  if (hash) notes.push(`Committed ${hash.slice(0, 7)}: ${message}`);
  else if (committed) notes.push('Nothing to commit.');
  if (pushed) {
    const branch = pushed.ref.replace(/^refs\/heads\//, '');
    const after = pushed.rebased > 0 ? ', on top of the commits other machines pushed meanwhile' : '';
    notes.push(`Pushed to ${pushed.remote} (${branch})${after}.`);
  }
  return {
    ...(hash ? { hash, message } : {}),
    ...(pushed ? { pushed } : {}),
    ...(error ? { error } : {}),
    notes,
    json: {
      commit: hash ?? null,
      ...(hash ? { message } : {}),
      ...(options.push ? { pushed: pushed ?? null } : {}),
      ...(error ? { error: error.message } : {}),
    },
  };
}
