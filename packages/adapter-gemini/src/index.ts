import { defineAdapter } from '@convx/core';
import { discoverSessions } from './discover.js';
import { loadSession } from './load.js';
import { defaultLocations } from './paths.js';

/** Reads Gemini CLI chats (JSON and JSONL generations) from `~/.gemini/tmp/<project>/chats/`. */
export const geminiAdapter = defineAdapter(
  {
    name: 'gemini',
    displayName: 'Gemini CLI',
    defaultLocations,
    discover: discoverSessions,
    load: loadSession,
  },
  '@convx/adapter-gemini',
);

export default geminiAdapter;
export type { ChatFile, GeminiChatMeta, GeminiMessage, SessionPlan } from './types.js';
