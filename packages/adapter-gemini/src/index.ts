import { defineAdapter } from '@convx/core';
import { discoverSessions } from './discover.js';
import { loadSession } from './load.js';
import { defaultLocations } from './paths.js';
import type { GeminiRefData } from './types.js';

/**
 * Options of the Gemini CLI adapter. It takes none today: where the chats are is the location
 * (`--input gemini=<folder>`), and both generations of the format are read as written. The factory exists
 * so every adapter is built, and named in a run, the same way.
 */
export type GeminiAdapterOptions = Record<string, never>;

/**
 * A Gemini CLI adapter: chats (JSON and JSONL generations) from `~/.gemini/tmp/<project>/chats/`, subagent
 * and skill-extraction chats nested under their parent.
 */
export function createGeminiAdapter(_options: GeminiAdapterOptions = {}) {
  return defineAdapter<GeminiRefData>(
    {
      name: 'gemini',
      displayName: 'Gemini CLI',
      defaultLocations,
      discover: discoverSessions,
      load: loadSession,
    },
    '@convx/adapter-gemini',
  );
}

/** The Gemini CLI adapter with its defaults. */
export const geminiAdapter = createGeminiAdapter();
export default geminiAdapter;
export type { ChatFile, GeminiChatMeta, GeminiMessage, GeminiRefData, SessionPlan } from './types.js';
