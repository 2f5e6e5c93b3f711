// Git helpers for convx: a no-shell runner, repository checks, path-scoped commits, push.
export {
  type CommitPathsOptions,
  type CommittedFile,
  commitPaths,
  type PushResult,
  pushUpstream,
} from './commit.js';
export { type CommitCounts, commitMessage, messageForFiles } from './message.js';
export { commonGitDir, gitInit, gitPath, isGitRepo, showToplevel } from './repo.js';
export { GitCommandError, type GitOptions, git } from './run.js';
