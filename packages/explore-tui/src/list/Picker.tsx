import type { FacetValue } from '@convx/search';
import { Box, useInput } from 'ink';
import { useMemo, useState } from 'react';
import { fit } from '../text/fit.js';
import { count } from '../text/format.js';
import { moveOf } from '../ui/keys.js';
import { Line } from '../ui/Line.js';
import { edit, editState } from '../ui/line-editor.js';

interface Choice {
  label: string;
  value: string | undefined;
  count?: number;
}

/**
 * A full-height chooser for a filter (the `s` and `p` keys): the index's values with their session counts,
 * narrowed as you type, ↑/↓ to move, Enter to pick (the first entry removes the filter), Esc to cancel.
 */
export function Picker({
  title,
  values,
  current,
  width,
  height,
  onPick,
  onCancel,
}: {
  title: string;
  values: readonly FacetValue[];
  current: string | undefined;
  width: number;
  height: number;
  onPick: (value: string | undefined) => void;
  onCancel: () => void;
}) {
  const [filter, setFilter] = useState(editState(''));
  const [selected, setSelected] = useState(0);
  const choices = useMemo<Choice[]>(() => {
    const needle = filter.text.toLowerCase();
    const matching = values.filter((v) => v.value.toLowerCase().includes(needle));
    return [
      { label: `(any ${title})`, value: undefined },
      ...matching.map((v) => ({ label: v.value, value: v.value, count: v.count })),
    ];
  }, [values, filter.text, title]);
  const rows = Math.max(1, height - 2);
  const at = Math.min(selected, choices.length - 1);
  const first = Math.max(0, Math.min(at - Math.floor(rows / 2), choices.length - rows));

  useInput((input, key) => {
    if (key.escape) return onCancel();
    if (key.return) return onPick(choices[at]?.value);
    const move = key.upArrow || key.downArrow || key.pageUp || key.pageDown ? moveOf(input, key) : undefined;
    if (move) {
      const step = { up: -1, down: 1, pageUp: -rows, pageDown: rows, start: -Infinity, end: Infinity }[move];
      setSelected(Math.max(0, Math.min(choices.length - 1, at + step)));
      return;
    }
    const next = edit(filter, input, key);
    if (next) {
      setFilter(next);
      setSelected(0);
    }
  });

  const countWidth = 9;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Line
        width={width}
        segments={[
          { text: `Filter by ${title}: `, style: 'title' },
          { text: filter.text },
          { text: '▏', style: 'dim' },
          {
            text: `  ${count(choices.length - 1)} of ${count(values.length)} · Enter picks · Esc cancels`,
            style: 'dim',
          },
        ]}
      />
      <Line width={width} segments={[{ text: '─'.repeat(width), style: 'dim' }]} />
      {choices.slice(first, first + rows).map((choice, i) => (
        <Line
          key={choice.value ?? '\0any'}
          width={width}
          highlight={first + i === at ? 'selected' : undefined}
          segments={[
            { text: choice.value !== undefined && choice.value === current ? '● ' : '  ', style: 'ok' },
            {
              text: fit(choice.label, Math.max(1, width - countWidth - 2)),
              style: choice.value ? 'plain' : 'dim',
            },
            {
              text: choice.count !== undefined ? count(choice.count).padStart(countWidth) : '',
              style: 'dim',
            },
          ]}
        />
      ))}
    </Box>
  );
}
