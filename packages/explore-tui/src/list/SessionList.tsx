import { Box } from 'ink';
import { fit, oneLine } from '../text/fit.js';
import { pathTail, shortDateTime, shortProject } from '../text/format.js';
import { type Segment, snippetSegments } from '../text/segments.js';
import { Line } from '../ui/Line.js';
import { type ResultList, type Row, rowSession } from './results.js';

/** Screen rows one list entry takes: a session is one, a search hit two (its snippet below it). */
export function rowHeight(list: ResultList): number {
  return list.isSearch ? 2 : 1;
}

/**
 * The visible window of the list: entries `first…` that fit in `height` rows, nothing else read or drawn
 * (the list is virtualized, so 10,000 sessions cost as much as 20).
 */
export function SessionList({
  list,
  first,
  selected,
  width,
  height,
  home,
}: {
  list: ResultList;
  first: number;
  selected: number;
  width: number;
  height: number;
  home: string | undefined;
}) {
  const per = rowHeight(list);
  const count = Math.max(0, Math.min(Math.floor(height / per), list.total - first));
  const rows: { key: string; segments: Segment[]; selected: boolean }[] = [];
  for (let i = first; i < first + count; i++) {
    const row = list.at(i);
    if (!row) break;
    const key = rowSession(row).key;
    rows.push({ key, segments: rowSegments(row, width, home), selected: i === selected });
    if (row.kind === 'hit') {
      rows.push({
        key: `${key}/snippet`,
        segments: [{ text: '    ' }, ...snippetSegments(row.hit.snippet)],
        selected: false,
      });
    }
  }
  return (
    <Box flexDirection="column" width={width} height={height}>
      {rows.map((row) => (
        <Line
          key={row.key}
          segments={row.segments}
          width={width}
          highlight={row.selected ? 'selected' : undefined}
        />
      ))}
    </Box>
  );
}

/** `2026-03-01 10:00  claude   ~/code/app        Title of the session`, columns shrinking with the width. */
export function rowSegments(row: Row, width: number, home: string | undefined): Segment[] {
  const session = rowSession(row);
  const projectWidth = width >= 100 ? 28 : width >= 70 ? 18 : 0;
  const segments: Segment[] = [
    { text: `${shortDateTime(session.startedAt)}  `, style: 'dim' },
    { text: `${fit(session.source, 8)} `, style: 'source' },
  ];
  if (projectWidth > 0) {
    const project = pathTail(shortProject(session.project, home), projectWidth);
    segments.push({ text: `${fit(project, projectWidth)} `, style: 'project' });
  }
  segments.push({ text: oneLine(session.title) || '(untitled)' });
  return segments;
}
