import type { Key } from 'ink';

/** Movement keys shared by the list and the transcript. */
export type Move = 'up' | 'down' | 'pageUp' | 'pageDown' | 'start' | 'end';

export function moveOf(input: string, key: Key): Move | undefined {
  if (key.upArrow || (input === 'k' && !key.ctrl)) return 'up';
  if (key.downArrow || (input === 'j' && !key.ctrl)) return 'down';
  if (key.pageUp || (key.ctrl && input === 'b')) return 'pageUp';
  if (key.pageDown || (key.ctrl && input === 'f') || input === ' ') return 'pageDown';
  if (key.home || input === 'g') return 'start';
  if (key.end || input === 'G') return 'end';
  return undefined;
}

/** The keys each screen lists under `?`. */
export const LIST_KEYS: [string, string][] = [
  ['↑ ↓  j k', 'move in the list'],
  ['PgUp PgDn', 'a page up or down'],
  ['g G', 'first or last session'],
  ['Enter', 'open the session'],
  ['/', 'search (Enter runs it, Esc cancels)'],
  ['s', 'filter by source'],
  ['p', 'filter by project'],
  ['c', 'clear the filters'],
  ['Esc', 'leave the search results'],
  ['o', 'open the Markdown in $PAGER / $EDITOR'],
  ['y', 'copy the resume command'],
  ['?', 'these keys'],
  ['q', 'quit'],
];

export const TRANSCRIPT_KEYS: [string, string][] = [
  ['↑ ↓  j k', 'move a line'],
  ['PgUp PgDn', 'a page up or down'],
  ['g G', 'top or bottom'],
  ['Enter  Tab', 'expand or collapse a tool call, result, thinking'],
  ['e', 'expand or collapse everything'],
  ['n N', 'next or previous match of the search'],
  ['/', 'find in this transcript'],
  ['o', 'open the Markdown in $PAGER / $EDITOR'],
  ['y', 'copy the resume command'],
  ['?', 'these keys'],
  ['Esc', 'back to the list'],
  ['q', 'quit'],
];

export const SEARCH_LINE_HELP =
  'words (all must match)  "a phrase"  -exclude  a OR b  pre*  source: project: model: tool: after: before:';
