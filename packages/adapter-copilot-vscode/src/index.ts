import { defineAdapter, type LocationEnv } from '@convx/core';
import { discoverSessions } from './discover.js';
import { loadSession } from './load.js';
import { copilotVscodeUserDirs, DEFAULT_PRODUCTS } from './paths.js';
import type { CopilotVscodeRefData } from './types.js';

export interface CopilotVscodeAdapterOptions {
  /**
   * The VS Code builds whose user folders are searched by default, by the name of their data folder
   * (`~/.config/<name>/User`). Remote-server folders (`~/.vscode-server/data/User` and kin) are always searched.
   * @default ['Code', 'Code - Insiders', 'VSCodium', 'VSCodium - Insiders']
   */
  products?: readonly string[];
  /**
   * Also export chats in which no request went to GitHub Copilot (VS Code's chat store is shared with other
   * extensions' chat participants).
   * @default false
   */
  includeOtherParticipants?: boolean;
}

/**
 * convx adapter for GitHub Copilot Chat in VS Code: chats from every storage generation (`state.vscdb`,
 * `chatSessions/*.json`, the `.jsonl` change log), each mapped to its workspace folder. Read-only.
 */
export function createCopilotVscodeAdapter(options: CopilotVscodeAdapterOptions = {}) {
  const products = options.products ?? DEFAULT_PRODUCTS;
  const includeOtherParticipants = options.includeOtherParticipants ?? false;
  return defineAdapter<CopilotVscodeRefData>(
    {
      name: 'copilot-vscode',
      displayName: 'GitHub Copilot Chat (VS Code)',
      defaultLocations: (env: LocationEnv) => copilotVscodeUserDirs(env, products),
      discover: discoverSessions,
      load: (ctx, ref) => loadSession(ctx, ref, includeOtherParticipants),
    },
    '@convx/adapter-copilot-vscode',
  );
}

export const copilotVscodeAdapter = createCopilotVscodeAdapter();
export default copilotVscodeAdapter;
export { copilotVscodeUserDirs, DEFAULT_PRODUCTS, REMOTE_SERVER_DIRS } from './paths.js';
export type { CopilotVscodeRefData, Generation, Storage } from './types.js';
