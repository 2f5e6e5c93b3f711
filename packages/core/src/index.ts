// Public API of @convx/core. Adapters and renderers import only from here (and `@convx/core/testing`).
export * from './model/schema.js';
export type * from './model/types.js';
export { createSession, sessionKey, toIsoTime, validateSession, type NewSession, type SessionValidation } from './model/session.js';
export type * from './contract/adapter.js';
export type * from './contract/context.js';
export type * from './contract/renderer.js';
export { assertAdapter, assertRenderer, defineAdapter, defineRenderer } from './contract/define.js';
export { ConvxError, describeError, isConvxError, type ConvxErrorCode } from './errors.js';
export { createAdapterContext, memoryCache, silentLogger, type CreateContextOptions } from './io/context.js';
export { createDiagnostics } from './io/diagnostics.js';
export { hashFiles, sha256 } from './io/hash.js';
export { readJsonl, readLines } from './io/lines.js';
export {
  backupLayout,
  disambiguatedBasename,
  firstTypedPrompt,
  flatLayout,
  idTail,
  projectSegments,
  sessionBasename,
  timePrefix,
  type BackupLayoutOptions,
} from './paths/layout.js';
export { sanitizeRelativePath, sanitizeSegment } from './paths/sanitize.js';
export { slugify } from './paths/slug.js';
export type * from './engine/types.js';
export type * from './index-store/types.js';
export { runSync } from './engine/run.js';
export { readIndex, STATE_DIR } from './index-store/store.js';
