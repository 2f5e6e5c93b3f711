// Git helpers for convx: a no-shell runner, repository checks, path-scoped commits, pushes that rebase.
export { type CommitPathsOptions, type CommittedFile, commitPaths } from './commit.js';
export { type CommitCounts, commitMessage, messageForFiles } from './message.js';
export { type PushOptions, type PushResult, pushWithRetry } from './push.js';
export { type ReplayResult, replayOnto } from './replay.js';
export { commonGitDir, gitInit, gitPath, isGitRepo, locateRepo, showToplevel } from './repo.js';
export { GitCommandError, type GitOptions, git } from './run.js';
