import { defineAdapter } from '@convx/core';
import { discoverRollouts } from './discover.js';
import { loadJson } from './load-json.js';
import { loadJsonl } from './load-jsonl.js';
import { defaultLocations } from './paths.js';

/**
 * Reads OpenAI Codex CLI rollouts (`$CODEX_HOME/sessions`, `$CODEX_HOME/archived_sessions`) of every
 * generation: single-JSON files, bare JSONL, and the `{timestamp, type, payload}` envelope.
 */
export const codexAdapter = defineAdapter(
  {
    name: 'codex',
    displayName: 'Codex CLI',
    defaultLocations,
    discover: discoverRollouts,
    load: (ctx, ref) => (ref.path.endsWith('.json') ? loadJson(ctx, ref) : loadJsonl(ctx, ref)),
  },
  '@convx/adapter-codex',
);

export default codexAdapter;
export { codexHome, sessionIdFromFileName } from './paths.js';
