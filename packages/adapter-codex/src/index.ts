import { defineAdapter } from '@convx/core';
import { discoverRollouts } from './discover.js';
import { loadRollout, streamRollout } from './load.js';
import { defaultLocations } from './paths.js';
import type { CodexRefData } from './subagents.js';

/**
 * Options of the Codex adapter. It takes none today: where the rollouts are is the location (`CODEX_HOME`,
 * or `--input codex=<folder>`), and every generation of the format is read as written. The factory exists
 * so every adapter is built, and named in a run, the same way.
 */
export type CodexAdapterOptions = Record<string, never>;

/**
 * A Codex CLI adapter: rollouts (`$CODEX_HOME/sessions`, `$CODEX_HOME/archived_sessions`) of every
 * generation — single-JSON files, bare JSONL, and the `{timestamp, type, payload}` envelope — with subagent
 * rollouts nested under their parent. `stream` hands the messages on turn by turn, so a session of any
 * size is read in bounded memory.
 */
export function createCodexAdapter(_options: CodexAdapterOptions = {}) {
  return defineAdapter<CodexRefData>(
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
}

/** The Codex CLI adapter with its defaults. */
export const codexAdapter = createCodexAdapter();
export default codexAdapter;
export { codexHome, sessionIdFromFileName } from './paths.js';
export type { ChildPlan, CodexRefData } from './subagents.js';
