// `convx sync` selection: the repository around the current folder and which sessions belong to it.
export {
  createSessionFilter,
  NOT_IN_REPOSITORY,
  type SessionFilter,
  type SessionFilterOptions,
} from './filter.js';
export { type ComparablePath, comparable, relativeWithin } from './paths.js';
export {
  describeRepo,
  findRepoRoot,
  listWorktrees,
  parseWorktreeList,
  type RepoContext,
  type Worktree,
} from './repo.js';
