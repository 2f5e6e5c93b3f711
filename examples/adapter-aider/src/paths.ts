import type { LocationEnv } from '@convx/core';

/** The file Aider appends every chat to, in the project root (its `--chat-history-file` default). */
export const HISTORY_FILE = '.aider.chat.history.md';

/**
 * Where to look by default: Aider writes the history into each project, so the home directory (searched a few
 * levels down); `AIDER_PROJECTS` (path-separated: `:`, `;` on Windows) narrows the search to those folders.
 */
export function aiderLocations({ home, env, platform }: LocationEnv): string[] {
  return env.AIDER_PROJECTS
    ? env.AIDER_PROJECTS.split(platform === 'win32' ? ';' : ':').filter(Boolean)
    : [home];
}
