import { defineAdapter } from '@convx/core';
import { discoverRollouts } from './discover.js';
import { loadRollout, streamRollout } from './load.js';
import { defaultLocations } from './paths.js';

/**
 * Reads OpenAI Codex CLI rollouts (`$CODEX_HOME/sessions`, `$CODEX_HOME/archived_sessions`) of every
 * generation: single-JSON files, bare JSONL, and the `{timestamp, type, payload}` envelope. `stream` hands
 * the messages on turn by turn, so a session of any size is read in bounded memory.
 */
export const codexAdapter = defineAdapter(
  {
    name: 'codex',
    displayName: 'Codex CLI',
    defaultLocations,
    discover: discoverRollouts,
    load: loadRollout,
    stream: streamRollout,
  },
  '@convx/adapter-codex',
);

export default codexAdapter;
export { codexHome, sessionIdFromFileName } from './paths.js';
