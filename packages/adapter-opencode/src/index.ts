import { defineAdapter } from '@convx/core';
import { discoverSessions } from './discover.js';
import { loadSession } from './load.js';
import { defaultLocations } from './paths.js';

/** Reads OpenCode sessions from `opencode.db` (read-only) and the older JSON storage tree. */
export const opencodeAdapter = defineAdapter(
  {
    name: 'opencode',
    displayName: 'OpenCode',
    defaultLocations,
    discover: discoverSessions,
    load: loadSession,
  },
  '@convx/adapter-opencode',
);

export default opencodeAdapter;
export type { OcMessage, OcPart, OcPlan, OcSessionInfo } from './types.js';
