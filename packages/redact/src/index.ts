// Public API of @convx/redact: secret redaction for sessions (as a sync-engine transform) and files.

export { shannonEntropy } from './entropy.js';
export { type FileFinding, type FixResult, fixFile, replaceFileAtomically, scanFile } from './files.js';
export { redactJsonValue } from './json.js';
export { type NameRedaction, nameRedaction } from './names.js';
export {
  createRedactionTransform,
  createRedactor,
  type Redactor,
  redactionTransform,
} from './redactor.js';
export { isPlaceholder } from './rules/credentials.js';
export { builtinRules, RULESET_VERSION } from './rules/index.js';
export type * from './types.js';
