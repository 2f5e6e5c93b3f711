import { width as cells, fitSegments } from '../text/fit.js';
import type { Segment } from '../text/segments.js';
import { SEARCH_LINE_HELP } from '../ui/keys.js';
import { Line } from '../ui/Line.js';
import type { EditState } from '../ui/line-editor.js';

/**
 * The search line: `/` then the query with a block cursor, then the query language's reminder when there is
 * room. A query too long for the row scrolls so the cursor stays in view.
 */
export function SearchLine({
  state,
  width,
  prompt = '/',
}: {
  state: EditState;
  width: number;
  prompt?: string;
}) {
  const room = Math.max(4, width - cells(prompt) - 2);
  let before = state.text.slice(0, state.cursor);
  while (cells(before) > room - 1) before = before.slice(1);
  const under = state.text.slice(state.cursor, state.cursor + 1) || ' ';
  const after = state.text.slice(state.cursor + 1);
  const segments: Segment[] = [
    { text: `${prompt} `, style: 'key' },
    { text: before, ...(state.selected ? { style: 'selected' as const } : {}) },
    { text: under, style: 'cursor' },
    { text: after },
  ];
  const used = cells(prompt) + 1 + cells(before) + cells(under) + cells(after);
  if (state.text === '' && width - used > 10) segments.push({ text: `  ${SEARCH_LINE_HELP}`, style: 'dim' });
  return <Line width={width} segments={fitSegments(segments, width)} />;
}
