import { Box, type Key, useInput } from 'ink';
import { useMemo, useState } from 'react';
import { useSessionActions } from '../actions/use-session-actions.js';
import { count } from '../text/format.js';
import type { Segment } from '../text/segments.js';
import { type Status, useTui } from '../ui/context.js';
import { type Move, moveOf } from '../ui/keys.js';
import { Line, VRule } from '../ui/Line.js';
import { type EditState, edit, editState, splitEnter } from '../ui/line-editor.js';
import { Picker } from './Picker.js';
import { Preview } from './Preview.js';
import { filterOptions, type ListFilters, type ResultList, type Row, rowSession } from './results.js';
import { SearchLine } from './SearchLine.js';
import { rowHeight, SessionList } from './SessionList.js';
import { useResults } from './use-results.js';

export interface ListScreenProps {
  active: boolean;
  width: number;
  height: number;
  say: (status: Status) => void;
  onOpen: (row: Row, query: string) => void;
  onHelp: () => void;
  onQuit: () => void;
}

/** The session list (newest first) or search results, with a preview, the search line and the filters. */
export function ListScreen({ active, width, height, say, onOpen, onHelp, onQuit }: ListScreenProps) {
  const tui = useTui();
  const results = useResults(tui.index, say);
  const { list, filters } = results;
  const actions = useSessionActions(say);
  const [committed, setCommitted] = useState('');
  const [editing, setEditing] = useState<EditState | undefined>(undefined);
  const [picker, setPicker] = useState<'source' | 'project' | undefined>(undefined);
  const [selected, setSelected] = useState(0);
  const [first, setFirst] = useState(0);

  const wide = width >= 110;
  const bodyHeight = Math.max(1, height - 1 - (editing ? 1 : 0));
  const previewWidth = wide ? Math.floor(width * 0.4) : width;
  const previewHeight = wide ? bodyHeight : bodyHeight >= 14 ? Math.min(10, Math.floor(bodyHeight * 0.4)) : 0;
  const listWidth = wide ? width - previewWidth - 1 : width;
  const listHeight = wide ? bodyHeight : bodyHeight - previewHeight;
  const visible = Math.max(1, Math.floor(listHeight / rowHeight(list)));
  const at = Math.max(0, Math.min(selected, list.total - 1));
  const shownFirst = follow(first, at, visible, list.total);
  const row = list.at(at);
  const query = editing?.text ?? committed;

  /** New rows are shown from their top. */
  const show = () => {
    setSelected(0);
    setFirst(0);
  };
  const move = (how: Move) => {
    const step = { up: -1, down: 1, pageUp: -visible, pageDown: visible, start: -Infinity, end: Infinity }[
      how
    ];
    const next = Math.max(0, Math.min(list.total - 1, at + step));
    setSelected(next);
    setFirst(follow(shownFirst, next, visible, list.total));
  };
  const session = () => (row ? tui.index.getSession(rowSession(row).key) : undefined);

  const onListKey = (input: string, key: Key) => {
    // Keys typed faster than the screen reads them arrive together: `/word` opens the search with `word`.
    if (input.length > 1 && input.startsWith('/')) {
      const typed = splitEnter(input.slice(1));
      if (typed.enter) return submit(typed.text);
      results.preview(typed.text);
      return setEditing(editState(typed.text));
    }
    const how = moveOf(input, key);
    if (how) return move(how);
    if (key.return) return row && onOpen(row, list.query);
    if (key.escape) {
      if (!list.isSearch) return;
      setCommitted('');
      if (results.run('')) show();
      return;
    }
    switch (input) {
      case '/':
        return setEditing(editState(committed));
      case 's':
      case 'p':
        return setPicker(input === 's' ? 'source' : 'project');
      case 'c':
        if (!filters.source && !filters.project) return say({ text: 'No filters to clear', tone: 'info' });
        results.filter({}, committed);
        return show();
      case 'o':
      case 'y': {
        const summary = session();
        if (!summary) return;
        return void (input === 'o' ? actions.openMarkdown(summary) : actions.copyResume(summary));
      }
      case '?':
        return onHelp();
      case 'q':
        return onQuit();
    }
  };

  /** Enter on the search line: runs the query now and closes the line (unless the index refuses it). */
  const submit = (text: string) => {
    if (results.run(text)) {
      setCommitted(text.trim());
      setEditing(undefined);
      show();
    }
  };

  const onEditKey = (input: string, key: Key) => {
    if (!editing) return;
    if (key.return) return submit(editing.text);
    const typed = splitEnter(input);
    if (typed.enter) {
      const before = edit(editing, typed.text, key) ?? editing;
      return submit(before.text);
    }
    if (key.escape) {
      setEditing(undefined);
      results.cancel();
      if (list.query !== committed && results.run(committed)) show();
      return;
    }
    if (key.upArrow || key.downArrow || key.pageUp || key.pageDown) {
      const how = moveOf('', key);
      if (how) move(how);
      return;
    }
    const next = edit(editing, input, key);
    if (!next) return;
    setEditing(next);
    if (next.text !== editing.text) {
      results.preview(next.text);
      show();
    }
  };

  // The picker's values with their counts within the other filter, read once when it opens.
  const facets = useMemo(() => {
    if (!picker) return undefined;
    const others: ListFilters =
      picker === 'source' ? { project: filters.project } : { source: filters.source };
    return tui.index.facets(filterOptions(others));
  }, [picker, filters, tui.index]);

  useInput((input, key) => (editing ? onEditKey(input, key) : onListKey(input, key)), {
    isActive: active && picker === undefined,
  });

  if (picker && facets) {
    return (
      <Picker
        title={picker}
        values={picker === 'source' ? facets.source : facets.project}
        current={filters[picker]}
        width={width}
        height={height}
        onCancel={() => setPicker(undefined)}
        onPick={(value) => {
          setPicker(undefined);
          results.filter({ ...filters, [picker]: value }, query);
          show();
        }}
      />
    );
  }

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Line width={width} segments={headerSegments(list, filters)} />
      <Box flexDirection={wide ? 'row' : 'column'} height={bodyHeight}>
        {list.total === 0 ? (
          <Box width={listWidth} height={listHeight}>
            <Line width={listWidth} segments={[{ text: emptyText(list, filters), style: 'dim' }]} />
          </Box>
        ) : (
          <SessionList
            list={list}
            first={shownFirst}
            selected={at}
            width={listWidth}
            height={listHeight}
            home={tui.home}
          />
        )}
        {wide ? <VRule height={bodyHeight} /> : null}
        {previewHeight > 0 ? (
          <Box flexDirection="column" width={previewWidth} height={previewHeight}>
            {wide ? null : <Line width={width} segments={[{ text: '─'.repeat(width), style: 'dim' }]} />}
            <Preview row={row} width={previewWidth} height={wide ? previewHeight : previewHeight - 1} />
          </Box>
        ) : null}
      </Box>
      {editing ? <SearchLine state={editing} width={width} /> : null}
    </Box>
  );
}

/** The first entry to show so that `selected` is on screen, moving the window as little as possible. */
function follow(first: number, selected: number, visible: number, total: number): number {
  let start = first;
  if (selected < start) start = selected;
  if (selected >= start + visible) start = selected - visible + 1;
  return Math.max(0, Math.min(start, Math.max(0, total - visible)));
}

function headerSegments(list: ResultList, filters: ListFilters): Segment[] {
  const segments: Segment[] = [{ text: 'convx explore  ', style: 'title' }];
  if (list.isSearch) {
    segments.push({
      text: `${count(list.total)} ${list.total === 1 ? 'session matches' : 'sessions match'} `,
      style: 'dim',
    });
    segments.push({ text: list.query, style: 'mark' });
    if (list.approximate) segments.push({ text: ' (approximate)', style: 'dim' });
    segments.push({ text: ` · ${list.tookMs} ms`, style: 'dim' });
  } else {
    segments.push({
      text: `${count(list.total)} ${list.total === 1 ? 'session' : 'sessions, newest first'}`,
      style: 'dim',
    });
  }
  if (filters.source) segments.push({ text: `  source:${filters.source}`, style: 'source' });
  if (filters.project) segments.push({ text: `  project:${filters.project}`, style: 'project' });
  return segments;
}

function emptyText(list: ResultList, filters: ListFilters): string {
  const filtered = filters.source || filters.project ? ' (c clears the filters)' : '';
  if (list.isSearch) return `Nothing matches “${list.query}”${filtered}. Esc shows every session.`;
  return filtered ? `No sessions${filtered}.` : 'No sessions in this history yet: run `convx backup` first.';
}
