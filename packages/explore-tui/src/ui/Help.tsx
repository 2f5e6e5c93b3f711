import { Box, useInput } from 'ink';
import { fit } from '../text/fit.js';
import { SEARCH_LINE_HELP } from './keys.js';
import { Line } from './Line.js';

/** The `?` screen: the keys of the screen it was opened from; any key closes it. */
export function Help({
  title,
  keys,
  width,
  height,
  onClose,
}: {
  title: string;
  keys: readonly [string, string][];
  width: number;
  height: number;
  onClose: () => void;
}) {
  useInput(() => onClose());
  const keyWidth = Math.max(...keys.map(([k]) => k.length)) + 3;
  const rows = [
    <Line key="title" width={width} segments={[{ text: `Keys: ${title}`, style: 'title' }]} />,
    <Line key="gap" width={width} segments={[]} />,
    ...keys.map(([key, what]) => (
      <Line
        key={key}
        width={width}
        segments={[{ text: `  ${fit(key, keyWidth)}`, style: 'key' }, { text: what }]}
      />
    )),
    <Line key="gap2" width={width} segments={[]} />,
    <Line
      key="query"
      width={width}
      segments={[
        { text: '  Search: ', style: 'key' },
        { text: SEARCH_LINE_HELP, style: 'dim' },
      ]}
    />,
    <Line key="close" width={width} segments={[{ text: '  Any key closes this.', style: 'dim' }]} />,
  ];
  return (
    <Box flexDirection="column" width={width} height={height}>
      {rows.slice(0, height)}
    </Box>
  );
}
