import { join } from 'node:path';
import { readTwinOutline } from '@convx/explore/twin';
import type { SessionSummary } from '@convx/search';
import { Box, type Key, useInput } from 'ink';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSessionActions } from '../actions/use-session-actions.js';
import { SearchLine } from '../list/SearchLine.js';
import { oneLine } from '../text/fit.js';
import { count, shortDateTime, shortProject } from '../text/format.js';
import { type Status, useTui } from '../ui/context.js';
import { moveOf } from '../ui/keys.js';
import { Line } from '../ui/Line.js';
import { type EditState, edit, editState, splitEnter } from '../ui/line-editor.js';
import { TranscriptDoc } from './doc.js';
import { MatchScan } from './matches.js';
import { jumpToMatch, showMatch } from './navigate.js';
import { termsOf } from './terms.js';

export interface TranscriptTarget {
  session: SessionSummary;
  /** The search that found it (its words are marked and `n`/`N` step through them); '' when browsing. */
  query: string;
  /** The message the search matched best, to open at; -1 for the start. */
  messageIndex: number;
}

export interface TranscriptScreenProps {
  target: TranscriptTarget;
  active: boolean;
  width: number;
  height: number;
  say: (status: Status) => void;
  onBack: () => void;
  onHelp: () => void;
  onQuit: () => void;
}

const HEADER_ROWS = 2;

/** A session full screen: turns with their times, tool calls and thinking folded to a row each. */
export function TranscriptScreen(props: TranscriptScreenProps) {
  const { target, active, width, height, say } = props;
  const tui = useTui();
  const actions = useSessionActions(say);
  // The session's transcript, then the subagents opened from it (Esc closes the innermost first).
  const [stack, setStack] = useState<{ doc: TranscriptDoc; title: string }[]>([]);
  const doc = stack.at(-1)?.doc;
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [, setTick] = useState(0);
  const [finding, setFinding] = useState<EditState | undefined>(undefined);
  const scan = useRef<MatchScan | undefined>(undefined);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const redraw = useCallback(() => setTick((n) => n + 1), []);
  const bodyHeight = Math.max(1, height - HEADER_ROWS - (finding ? 1 : 0));

  /** Runs moves one after another (each may read the twin), redrawing after each. */
  const perform = useCallback(
    (op: (d: TranscriptDoc) => Promise<unknown>) => {
      queue.current = queue.current.then(async () => {
        if (!doc) return;
        try {
          const said = await op(doc);
          if (typeof said === 'string' && said) say({ text: said, tone: 'info' });
        } catch (error) {
          say({ text: `Could not read this transcript: ${(error as Error).message}`, tone: 'error' });
        }
        redraw();
      });
    },
    [doc, say, redraw],
  );

  const startScan = useCallback(
    (d: TranscriptDoc) => {
      scan.current?.stop();
      scan.current = new MatchScan(d.twinPath, d.node, d.terms, redraw);
    },
    [redraw],
  );

  // Opened once per target; size changes go through the effect below.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    let live = true;
    const path = join(tui.outputRoot, target.session.twinPath);
    readTwinOutline(path).then(
      async (outline) => {
        const d = new TranscriptDoc(path, outline.root, target.session.startedAt, termsOf(target.query));
        await d.resize(width, bodyHeight);
        if (target.messageIndex >= 0 && target.messageIndex < d.total)
          await showMatch(d, target.messageIndex);
        if (!live) return;
        startScan(d);
        setStack([{ doc: d, title: oneLine(target.session.title) || '(untitled)' }]);
      },
      (error: Error) => live && setFailure(`Could not read ${target.session.twinPath}: ${error.message}`),
    );
    return () => {
      live = false;
      scan.current?.stop();
    };
  }, [target, tui.outputRoot]);

  useEffect(() => {
    if (doc && (doc.width !== width || doc.height !== bodyHeight))
      perform((d) => d.resize(width, bodyHeight));
  }, [doc, width, bodyHeight, perform]);

  /** Marks the words of `text` instead of the search's, and goes to the first match below the cursor. */
  const find = (text: string) => {
    setFinding(undefined);
    const terms = termsOf(text);
    perform(async (d) => {
      d.setTerms(terms);
      startScan(d);
      return terms.length === 0 ? 'Find cleared' : jumpToMatch(d, scanOf(scan.current), 1);
    });
  };

  const onFindKey = (input: string, key: Key) => {
    if (!finding) return;
    if (key.escape) return setFinding(undefined);
    if (key.return) return find(finding.text);
    const typed = splitEnter(input);
    if (typed.enter) return find((edit(finding, typed.text, key) ?? finding).text);
    const next = edit(finding, input, key);
    if (next) setFinding(next);
  };

  const openSubagent = (d: TranscriptDoc, child: number) => {
    const node = d.node.children[child];
    if (!node) return;
    const sub = new TranscriptDoc(d.twinPath, node, d.sessionStart, d.terms);
    const entry = d.message(d.cursor.m)?.title;
    const title = typeof entry === 'string' ? oneLine(entry) : 'subagent';
    perform(async () => {
      await sub.resize(width, bodyHeight);
      startScan(sub);
      setStack((docs) => [...docs, { doc: sub, title }]);
    });
  };

  const onKey = (input: string, key: Key) => {
    if (key.escape) {
      if (stack.length <= 1) return props.onBack();
      const parent = stack.at(-2)?.doc;
      setStack((docs) => docs.slice(0, -1));
      if (parent)
        perform(async () => {
          await parent.resize(width, bodyHeight);
          startScan(parent);
        });
      return;
    }
    if (input === 'q') return props.onQuit();
    if (input === '?') return props.onHelp();
    if (input.startsWith('/')) {
      // `/word` typed in one go starts the find with `word` (and runs it when Enter came too).
      const typed = splitEnter(input.slice(1));
      if (!typed.enter) return setFinding(editState(typed.text));
      return find(typed.text);
    }
    if (input === 'o') return void actions.openMarkdown(target.session);
    if (input === 'y') return void actions.copyResume(target.session);
    const how = moveOf(input, key);
    if (how === 'up' || how === 'down') {
      const steps = Math.max(1, input.length);
      return perform((d) => d.moveCursor(how === 'up' ? -steps : steps));
    }
    if (how === 'pageUp' || how === 'pageDown') return perform((d) => d.page(how === 'pageUp' ? -1 : 1));
    if (how === 'start') return perform((d) => d.toStart());
    if (how === 'end') return perform((d) => d.toEnd());
    if (key.return || key.tab) {
      return perform(async (d) => {
        const row = d.lines(d.cursor.m)[d.cursor.l];
        if (row?.open !== undefined) openSubagent(d, row.open);
        else if (row?.toggle) await d.toggle(d.cursor.m);
      });
    }
    if (input === 'e') return perform((d) => d.setExpandAll(!d.expandAll));
    if (input === 'n' || input === 'N')
      return perform((d) => jumpToMatch(d, scanOf(scan.current), input === 'n' ? 1 : -1));
  };

  useInput((input, key) => (finding ? onFindKey(input, key) : onKey(input, key)), { isActive: active });

  const session = target.session;
  const title = stack.map((entry) => entry.title).join(' › ') || oneLine(session.title) || '(untitled)';
  const where = [
    session.source,
    shortProject(session.project, tui.home),
    shortDateTime(session.startedAt),
  ].join(' · ');
  const position = doc ? positionText(doc, scan.current) : '';
  const view = doc?.view();
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Line width={width} segments={[{ text: title, style: 'title' }]} />
      <Line
        width={width}
        segments={[
          { text: where, style: 'dim' },
          { text: `  ${position}`, style: 'status' },
        ]}
      />
      <Box flexDirection="column" height={bodyHeight}>
        {failure ? <Line width={width} segments={[{ text: failure, style: 'error' }]} /> : null}
        {!failure && !doc ? (
          <Line width={width} segments={[{ text: 'Reading the transcript…', style: 'dim' }]} />
        ) : null}
        {doc && doc.total === 0 ? (
          <Line width={width} segments={[{ text: 'This session has no messages.', style: 'dim' }]} />
        ) : null}
        {view && doc && doc.total > 0
          ? // Screen rows are positional: row i is whatever line is i rows below the top.
            Array.from(view.lines.entries(), ([row, line]) => (
              <Line
                key={row}
                width={width}
                segments={line.segments}
                highlight={row === view.cursor ? 'cursor' : undefined}
              />
            ))
          : null}
      </Box>
      {finding ? <SearchLine state={finding} width={width} prompt="find" /> : null}
    </Box>
  );
}

function scanOf(scan: MatchScan | undefined): MatchScan {
  if (!scan) throw new Error('the transcript is still opening');
  return scan;
}

/** `message 12 of 340 · 2 subagents · 5 matches` (with `…` while the scan for matches is still reading). */
function positionText(doc: TranscriptDoc, scan: MatchScan | undefined): string {
  const parts: string[] = [];
  if (doc.messageCount > 0) {
    parts.push(
      `message ${count(Math.min(doc.cursor.m + 1, doc.messageCount))} of ${count(doc.messageCount)}`,
    );
  }
  const agents = doc.total - doc.messageCount;
  if (agents > 0) parts.push(`${count(agents)} ${agents === 1 ? 'subagent' : 'subagents'}`);
  if (scan && doc.terms.length > 0) {
    const n = scan.matches.length;
    parts.push(`${count(n)}${scan.done ? '' : '…'} ${n === 1 ? 'match' : 'matches'}`);
  }
  return parts.join(' · ');
}
