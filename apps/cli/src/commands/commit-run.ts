import { commitPaths, messageForFiles, pushUpstream } from '../git/index.js';

export interface CommitResult {
  /** The new commit, or undefined when the run changed nothing convx owns. */
  hash?: string;
  message?: string;
  pushed?: { remote: string; ref: string };
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
 * asked. A push happens even without a new commit, so an earlier failed push catches up.
 */
export async function commitRun(options: CommitRunOptions): Promise<CommitResult> {
  // Titled by what the commit holds, which includes what earlier runs without --commit left uncommitted.
  let message = '';
  const hash = await commitPaths({
    repo: options.outputRoot,
    paths: options.paths,
    message: (files) => {
      message = messageForFiles(files, options.historySubpath, options.systemName);
      return message;
    },
  });
  const notes = [hash ? `Committed ${hash.slice(0, 7)}: ${message}` : 'Nothing to commit.'];
  const pushed = options.push ? await pushUpstream(options.outputRoot) : undefined;
  if (pushed) notes.push(`Pushed to ${pushed.remote} (${pushed.ref.replace(/^refs\/heads\//, '')}).`);
  return {
    ...(hash ? { hash, message } : {}),
    ...(pushed ? { pushed } : {}),
    notes,
    json: {
      commit: hash ?? null,
      ...(hash ? { message } : {}),
      ...(options.push ? { pushed: pushed ?? null } : {}),
    },
  };
}
