/**
 * The full-text table's columns. A message's text goes into the column of its kind, so bm25's column
 * weights rank kinds (a title above a typed prompt above a reply above tool output), and a column filter
 * leaves tool output or another role out of matching.
 */
export const COLUMNS = [
  'title',
  'prompt',
  'reply',
  'thinking',
  'call',
  'output',
  'event',
  'context',
] as const;
export type Column = (typeof COLUMNS)[number];

export const COLUMN_INDEX: Record<Column, number> = Object.fromEntries(
  COLUMNS.map((c, i) => [c, i]),
) as Record<Column, number>;

/** bm25 weights, in COLUMNS order. */
export const COLUMN_WEIGHTS: Record<Column, number> = {
  title: 10,
  prompt: 5,
  reply: 2,
  thinking: 1,
  call: 1,
  output: 0.5,
  event: 1,
  context: 0.3,
};

/** Columns that only a person's messages fill (`role:user`), and only the assistant's (`role:assistant`). */
export const ROLE_COLUMNS: Record<'user' | 'assistant', Column[]> = {
  user: ['prompt'],
  assistant: ['reply', 'thinking', 'call'],
};

/** The column of tool results: left out of matching with `toolOutput: false`. */
export const TOOL_OUTPUT_COLUMN: Column = 'output';
