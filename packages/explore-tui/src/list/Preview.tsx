import { join } from 'node:path';
import type { SessionSummary } from '@convx/search';
import { Box } from 'ink';
import { useEffect, useState } from 'react';
import { oneLine, wrap, wrapSegments } from '../text/fit.js';
import { count, duration, shortDateTime, shortProject } from '../text/format.js';
import { type Segment, snippetSegments } from '../text/segments.js';
import { useTui } from '../ui/context.js';
import { Line } from '../ui/Line.js';
import { type Row, rowSession } from './results.js';
import { readTwinHead, type TwinHead } from './twin-head.js';

/** Waits this long after the selection stops moving before reading a twin (holding a key reads nothing). */
const PREVIEW_DELAY_MS = 60;
const heads = new Map<string, TwinHead>();

/**
 * The selected session at a glance: title, where and when, size, models, then its first prompt and answer
 * (from the twin's first 256 KB) — or for a search hit, its snippet.
 */
export function Preview({ row, width, height }: { row: Row | undefined; width: number; height: number }) {
  const tui = useTui();
  const key = row ? rowSession(row).key : undefined;
  const session = key ? tui.index.getSession(key) : undefined;
  // Read heads live in the module's cache; the tick redraws when one arrives.
  const [, setTick] = useState(0);
  const file = session ? join(tui.outputRoot, session.twinPath) : undefined;
  const head = file ? heads.get(file) : undefined;

  useEffect(() => {
    if (!file || heads.has(file)) return;
    let live = true;
    const timer = setTimeout(() => {
      readTwinHead(file)
        .catch((): TwinHead => ({ header: {}, messages: [] }))
        .then((read) => {
          heads.set(file, read);
          if (heads.size > 100) heads.delete(heads.keys().next().value ?? '');
          if (live) setTick((n) => n + 1);
        });
    }, PREVIEW_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [file]);

  const lines = row && session ? previewLines(session, row, head, width, tui.home) : [];
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.slice(0, height).map((segments, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
        <Line key={i} segments={segments} width={width} />
      ))}
    </Box>
  );
}

export function previewLines(
  session: SessionSummary,
  row: Row,
  head: TwinHead | undefined,
  width: number,
  home: string | undefined,
): Segment[][] {
  const lines: Segment[][] = [];
  for (const line of wrap(oneLine(session.title) || '(untitled)', width).slice(0, 2)) {
    lines.push([{ text: line, style: 'title' }]);
  }
  const where = [shortProject(session.project, home), session.branch].filter(Boolean).join(' · ');
  lines.push([
    { text: session.source, style: 'source' },
    ...(where ? [{ text: `  ${where}`, style: 'project' as const }] : []),
  ]);
  const took = duration(session.startedAt, session.endedAt);
  lines.push([
    {
      text: `${shortDateTime(session.startedAt)}${took ? ` · ${took}` : ''} · ${count(session.messageCount)} messages · ${count(session.toolCount)} tool calls`,
      style: 'dim',
    },
  ]);
  const who = [session.user, session.machine].filter(Boolean).join('@');
  const models = session.models.join(', ');
  if (models || who) lines.push([{ text: [models, who].filter(Boolean).join(' · '), style: 'dim' }]);
  lines.push([{ text: '─'.repeat(Math.max(0, width)), style: 'dim' }]);
  if (row.kind === 'hit') {
    lines.push(...wrapSegments(snippetSegments(row.hit.snippet), width).slice(0, 4));
    lines.push([{ text: '─'.repeat(Math.max(0, width)), style: 'dim' }]);
  }
  if (!head) {
    lines.push([{ text: '…', style: 'dim' }]);
    return lines;
  }
  for (const message of head.messages) {
    if (message.kind !== 'text' || typeof message.text !== 'string') continue;
    const user = message.role === 'user';
    const text = oneLine(message.text);
    if (!text) continue;
    const label = user ? 'You: ' : 'Assistant: ';
    const wrapped = wrap(label + text, width).slice(0, user ? 4 : 6);
    wrapped.forEach((line, i) => {
      lines.push(
        i === 0
          ? [{ text: label, style: user ? 'user' : 'assistant' }, { text: line.slice(label.length) }]
          : [{ text: line }],
      );
    });
  }
  return lines;
}
