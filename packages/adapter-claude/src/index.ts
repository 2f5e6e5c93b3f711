import { ConvxError, defineAdapter } from '@convx/core';
import { discoverClaude } from './discover.js';
import { loadClaude, SOURCE, streamClaude } from './load.js';
import { claudeLocations, cwdFromFolderName } from './paths.js';
import { type ClaudeRefData, type ClaudeSettings, DEFAULT_SETTINGS } from './types.js';

/** Options of the Claude Code adapter. */
export interface ClaudeAdapterOptions {
  /**
   * Read the `sessions-index.json` Claude Code keeps in each project folder: its summary titles a session
   * whose transcript has none, its first prompt titles an orphaned subagent folder, and its project path is
   * the cwd when no record carries one. Set false to take all of these from the transcripts alone (the
   * index is a cache Claude Code rewrites, and can lag behind them).
   * @default true
   */
  sessionsIndex?: boolean;
}

function settingsOf(options: ClaudeAdapterOptions): ClaudeSettings {
  const { sessionsIndex = DEFAULT_SETTINGS.sessionsIndex } = options;
  if (typeof sessionsIndex !== 'boolean')
    throw new ConvxError(
      'INVALID_OPTION',
      `the claude adapter's sessionsIndex option must be true or false (got ${JSON.stringify(sessionsIndex)})`,
      SOURCE,
    );
  return { sessionsIndex };
}

/**
 * A Claude Code adapter: every transcript under `~/.claude/projects` (and `~/.config/claude/projects`,
 * `$CLAUDE_CONFIG_DIR/…/projects`), with continuation files merged, subagents nested as children and
 * orphaned subagent folders kept. `stream` hands the conversation's messages over as they settle, so a
 * transcript of any size is read in bounded memory.
 */
export function createClaudeAdapter(options: ClaudeAdapterOptions = {}) {
  const settings = settingsOf(options);
  return defineAdapter<ClaudeRefData>(
    {
      name: SOURCE,
      displayName: 'Claude Code',
      defaultLocations: claudeLocations,
      discover: discoverClaude,
      load: (ctx, ref) => loadClaude(ctx, ref, settings),
      stream: (ctx, ref, emit) => streamClaude(ctx, ref, emit, settings),
    },
    '@convx/adapter-claude',
  );
}

/** The Claude Code adapter with its defaults. */
export const claudeAdapter = createClaudeAdapter();
export default claudeAdapter;
export { keepLine } from './load-filter.js';
export { classifyUserText, type UserText } from './parse-classify.js';
export type { ClaudeRefData } from './types.js';
export { claudeLocations, cwdFromFolderName };
