// Public API of @convx/core. Adapters and renderers import only from here (and `@convx/core/testing`).

export type * from './contract/adapter.js';
export type * from './contract/context.js';
export { assertAdapter, assertRenderer, defineAdapter, defineRenderer } from './contract/define.js';
export { discoveredRefs, eachDiscoveredRef } from './contract/discovery.js';
export type * from './contract/renderer.js';
export { loadFromStream } from './contract/stream.js';
export { runSync } from './engine/run.js';
export type * from './engine/types.js';
export { ConvxError, type ConvxErrorCode, describeError, isConvxError } from './errors.js';
export { type CreateContextOptions, createAdapterContext, memoryCache, silentLogger } from './io/context.js';
export { createDiagnostics } from './io/diagnostics.js';
export { hashFiles, sha256 } from './io/hash.js';
export { eachJsonItem } from './io/json-items.js';
export { DEFAULT_MAX_LINE_BYTES, type LineLimit } from './io/line-limit.js';
export { eachJsonl, type HashTap, type ReadHooks, readJsonl, readLines } from './io/lines.js';
export { RunMemo } from './io/memo.js';
export {
  openSourceDatabase,
  type SourceDatabase,
  SourceDatabaseChangingError,
  type SourceDatabaseMode,
  type SourceDatabaseOptions,
} from './io/source-database.js';
export { openSourceTables, type SourceTables } from './io/source-tables.js';
export {
  arr,
  asRecord,
  assignDefined,
  compareText,
  isRecord,
  type JsonRecord,
  num,
  str,
} from './model/json-view.js';
export {
  ATTACHMENTS_DIR,
  DEFAULT_ATTACHMENT_MAX_BYTES,
  extensionFor,
  isImageType,
  isTextType,
  savedFileOf,
} from './model/media.js';
export { MAX_NESTING, nestsDeeperThan } from './model/nesting.js';
export * from './model/schema.js';
export {
  createSession,
  type NewSession,
  type SessionValidation,
  sessionKey,
  TimeSpan,
  toIsoTime,
  validateSession,
} from './model/session.js';
export type * from './model/types.js';
export { fileUriToPath, type UriPath } from './paths/file-uri.js';
export { fitFolders, folderBudget } from './paths/fit.js';
export { historySubpathProblem } from './paths/history-subpath.js';
export {
  type BackupLayoutOptions,
  backupLayout,
  disambiguatedBasename,
  firstTypedPrompt,
  flatLayout,
  idTail,
  projectSegments,
  sessionBasename,
  timePrefix,
} from './paths/layout.js';
export { toPosix } from './paths/posix.js';
export { sanitizeRelativePath, sanitizeSegment } from './paths/sanitize.js';
export { slugify } from './paths/slug.js';
export { splitPath } from './paths/split.js';
export { vscodeUserSetting } from './paths/vscode-settings.js';
export { vscodeUserDir } from './paths/vscode-user-dir.js';
export { readVscodeWorkspace, type VscodeWorkspace } from './paths/vscode-workspace.js';
export {
  composeTransform,
  composeWithdraw,
  describeRef,
  isFileSpecifier,
  loadPlugin,
  type PluginRef,
  type ResolveRunSpecOptions,
  type RunPlugins,
  type RunSpec,
  resolveModule,
  resolvePackage,
  resolveRunSpec,
} from './run-spec/index.js';
export { dropIndex, INDEX_FILE, readIndex, readStoredIndex, STATE_DIR } from './store/index-file.js';
export type { Planned } from './store/index-format.js';
export { ignoreStateFolder, refuseLinksInConvx } from './store/output.js';
export { lockOutput } from './store/output-lock.js';
export { PROBLEMS_FILE, readOpenProblems } from './store/problems.js';
export type { SessionIndex } from './store/session-index.js';
export { type TwinExport, type TwinHeader, twinChunks } from './store/twin.js';
export type * from './store/types.js';
