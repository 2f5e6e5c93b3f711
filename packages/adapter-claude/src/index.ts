import { defineAdapter } from '@convx/core';
import { discoverClaude } from './discover.js';
import { loadClaude, SOURCE } from './load.js';
import { claudeLocations, cwdFromFolderName } from './paths.js';

/**
 * Claude Code: every transcript under `~/.claude/projects` (and `~/.config/claude/projects`,
 * `$CLAUDE_CONFIG_DIR/…/projects`), with continuation files merged, subagents nested as children and
 * orphaned subagent folders kept.
 */
export const claudeAdapter = defineAdapter(
  {
    name: SOURCE,
    displayName: 'Claude Code',
    defaultLocations: claudeLocations,
    discover: discoverClaude,
    load: loadClaude,
  },
  '@convx/adapter-claude',
);

export default claudeAdapter;
export { classifyUserText, type UserText } from './classify.js';
export { keepLine } from './line-filter.js';
export { claudeLocations, cwdFromFolderName };
