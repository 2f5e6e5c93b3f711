import { elementScroll, observeElementOffset, observeElementRect, Virtualizer } from '@tanstack/virtual-core';
import { useLayoutEffect, useReducer, useRef, useState } from 'preact/hooks';

const offsets = new Map<string, number>();

/**
 * A list that renders only the rows on screen (@tanstack/virtual-core): tens of thousands of sessions
 * scroll like a dozen. Rows have one fixed height; `onRange` says which rows are shown (to load them).
 */
export function VirtualList({
  count,
  rowHeight,
  selected,
  renderRow,
  onRange,
  label,
  memoryKey,
}: {
  /** Scroll positions are remembered under this key, so coming back to a list returns to the same place. */
  memoryKey: string;
  count: number;
  rowHeight: number;
  selected: number;
  renderRow(index: number): preact.ComponentChildren;
  onRange(from: number, to: number): void;
  label: string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const options = {
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    observeElementRect,
    observeElementOffset,
    scrollToFn: elementScroll,
    onChange: () => rerender(undefined),
    initialOffset: () => offsets.get(memoryKey) ?? 0,
  };
  const [virtualizer] = useState(() => new Virtualizer<HTMLDivElement, HTMLDivElement>(options));
  virtualizer.setOptions({ ...virtualizer.options, ...options });
  useLayoutEffect(() => {
    const cleanup = virtualizer._didMount();
    return () => {
      offsets.set(memoryKey, virtualizer.scrollOffset ?? 0);
      cleanup();
    };
  }, []);
  useLayoutEffect(() => virtualizer._willUpdate());

  // Keep the keyboard selection on screen.
  useLayoutEffect(() => {
    if (selected >= 0 && selected < count) virtualizer.scrollToIndex(selected, { align: 'auto' });
  }, [selected]);

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useLayoutEffect(() => {
    if (count > 0) onRange(first, last);
  }, [first, last, count]);

  return (
    <div class="vlist" ref={scroller}>
      <ul class="vlist-inner" aria-label={label} style={{ height: `${virtualizer.getTotalSize()}px` }}>
        {items.map((item) => (
          <li
            key={item.key}
            class="vrow"
            style={{ transform: `translateY(${item.start}px)`, height: `${rowHeight}px` }}
          >
            {renderRow(item.index)}
          </li>
        ))}
      </ul>
    </div>
  );
}
