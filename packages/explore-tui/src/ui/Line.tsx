import { Box, Text } from 'ink';
import { fitSegments, segmentsWidth } from '../text/fit.js';
import type { Segment } from '../text/segments.js';
import { type StyleName, useTheme } from './theme.js';

/**
 * One screen row of styled segments, cut to `width` cells and padded to it (so a highlighted row is
 * highlighted edge to edge). `highlight` draws the whole row in that style (the selection, the cursor),
 * dropping the segments' own colours but for marked words, so the bar reads as one.
 */
export function Line({
  segments,
  width,
  highlight,
}: {
  segments: readonly Segment[];
  width: number;
  highlight?: StyleName | undefined;
}) {
  const theme = useTheme();
  const cut = fitSegments(segments.map(safe), width);
  const pad = Math.max(0, width - segmentsWidth(cut));
  const row = highlight ? theme[highlight] : {};
  return (
    <Text wrap="truncate" {...row}>
      {/* Segments never reorder within a row, so their position is their identity. */}
      {Array.from(cut.entries(), ([position, segment]) => (
        <Text
          key={position}
          {...(segment.style && (!highlight || segment.style === 'mark') ? theme[segment.style] : {})}
        >
          {segment.text}
        </Text>
      ))}
      {pad > 0 ? ' '.repeat(pad) : ''}
    </Text>
  );
}

/**
 * A segment that cannot steer the terminal: whatever a transcript holds, an escape sequence or any other
 * control character never reaches it (each shows as `�`), and a row stays one row.
 */
function safe(segment: Segment): Segment {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  const text = segment.text.replace(/\n/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd');
  return text === segment.text ? segment : { ...segment, text };
}

/** A vertical rule one column wide, between the list and the preview. */
export function VRule({ height }: { height: number }) {
  const theme = useTheme();
  return (
    <Box width={1} height={height}>
      <Text {...theme.dim}>{Array.from({ length: height }, () => '│').join('\n')}</Text>
    </Box>
  );
}
