import { defineAdapter } from '@convx/core';
import { discoverClaude } from './discover.js';
import { loadClaude, SOURCE, streamClaude } from './load.js';
import { claudeLocations, cwdFromFolderName } from './paths.js';

/**
 * Claude Code: every transcript under `~/.claude/projects` (and `~/.config/claude/projects`,
 * `$CLAUDE_CONFIG_DIR/…/projects`), with continuation files merged, subagents nested as children and
 * orphaned subagent folders kept. `stream` hands the conversation's messages over as they settle, so a
 * transcript of any size is read in bounded memory.
 */
export const claudeAdapter = defineAdapter(
  {
    name: SOURCE,
    displayName: 'Claude Code',
    defaultLocations: claudeLocations,
    discover: discoverClaude,
    load: loadClaude,
    stream: streamClaude,
  },
  '@convx/adapter-claude',
);

export default claudeAdapter;
export { classifyUserText, type UserText } from './classify.js';
export { keepLine } from './line-filter.js';
export { claudeLocations, cwdFromFolderName };
