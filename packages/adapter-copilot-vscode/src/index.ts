import { ConvxError, defineAdapter, type LocationEnv } from '@convx/core';
import { discoverSessions } from './discover.js';
import { loadSession } from './load.js';
import { SOURCE } from './parse.js';
import { copilotVscodeUserDirs, DEFAULT_PRODUCTS } from './paths.js';
import type { CopilotVscodeRefData } from './types.js';

/** Options of the GitHub Copilot Chat (VS Code) adapter. */
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
  const { products = DEFAULT_PRODUCTS, includeOtherParticipants = false } = options;
  if (!Array.isArray(products) || !products.every((p) => typeof p === 'string' && p !== ''))
    invalid(`products option must be a list of folder names (got ${JSON.stringify(products)})`);
  if (typeof includeOtherParticipants !== 'boolean')
    invalid(
      `includeOtherParticipants option must be true or false (got ${JSON.stringify(includeOtherParticipants)})`,
    );
  return defineAdapter<CopilotVscodeRefData>(
    {
      name: SOURCE,
      displayName: 'GitHub Copilot Chat (VS Code)',
      defaultLocations: (env: LocationEnv) => copilotVscodeUserDirs(env, products),
      discover: discoverSessions,
      load: (ctx, ref) => loadSession(ctx, ref, includeOtherParticipants),
    },
    '@convx/adapter-copilot-vscode',
  );
}

function invalid(problem: string): never {
  throw new ConvxError('INVALID_OPTION', `the copilot-vscode adapter's ${problem}`, SOURCE);
}

export const copilotVscodeAdapter = createCopilotVscodeAdapter();
export default copilotVscodeAdapter;
export { copilotVscodeUserDirs, DEFAULT_PRODUCTS, REMOTE_SERVER_DIRS } from './paths.js';
export type { CopilotVscodeRefData, Generation, Storage } from './types.js';
