import type { Message } from '@convx/core';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ChildInfo, TranscriptPage } from '../../shared/api.js';
import type { TranscriptSource } from '../lib/api.js';
import { bytes, count } from '../lib/format.js';
import { highlightText } from '../lib/highlight-text.js';
import { asMessage } from '../lib/message-text.js';
import { useStoredFlag } from '../lib/stored.js';
import { type TranscriptWindow, useTranscript } from '../lib/use-transcript.js';
import { FindBar } from './FindBar.js';
import { MessageBody, MessageFrame, roleLabel } from './MessageView.js';
import { PromptNav } from './PromptNav.js';
import { Subagent } from './Subagent.js';
import { ToolCall } from './ToolCall.js';

type Result = Extract<Message, { kind: 'tool-result' }>;

/**
 * A transcript (or, `nested`, a subagent's inside its parent): turns with times, tool calls collapsed with
 * their results, subagents where they were spawned, and — at the top level — hide-tool-work, find and
 * prompt-to-prompt jumps. `target` is the message the URL points at (`#m<N>`), loaded and highlighted.
 */
export function Transcript({
  source,
  agent,
  target,
  nested = false,
  onWindow,
  onJump,
  header,
}: {
  source: TranscriptSource;
  agent: string;
  target: number | null;
  nested?: boolean;
  onWindow?: (window: TranscriptWindow) => void;
  onJump?: (index: number) => void;
  header?: (page: TranscriptPage) => preact.ComponentChildren;
}) {
  const win = useTranscript(source, agent, target);
  const [hideTools, setHideTools] = useStoredFlag('convx.hideTools', false);
  const [needle, setNeedle] = useState('');
  const list = useRef<HTMLDivElement>(null);
  onWindow?.(win);

  // The URL's target: load it if needed, then bring it into view.
  useEffect(() => {
    if (target === null || nested) return;
    void win
      .reveal(target)
      .then(() =>
        requestAnimationFrame(() =>
          document.getElementById(`m${target}`)?.scrollIntoView({ block: 'start' }),
        ),
      );
  }, [target, win.page === null]);

  useEffect(() => (list.current ? highlightText(list.current, needle) : undefined), [needle, win.messages]);

  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = sentinel.current;
    if (!node || nested) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) win.loadMore();
    });
    observer.observe(node);
    return () => observer.disconnect();
  });

  const { start, messages, page } = win;
  const parsed = useMemo(() => messages.map(asMessage), [messages]);
  const results = useMemo(() => pairResults(parsed, start), [parsed, start]);
  const spawned = useMemo(() => childrenByCall(page?.children ?? []), [page?.children]);
  if (win.error && !page) return <div class="error-box">{win.error}</div>;
  if (!page) return <div class="loading">Loading…</div>;

  const shown = parsed.flatMap((message, i) => {
    const index = start + i;
    if (!message)
      return [
        <pre key={index} class="output">
          {JSON.stringify(messages[i], null, 2)}
        </pre>,
      ];
    if (message.kind === 'tool-result' && message.callId !== undefined && results.paired.has(index))
      return [];
    const children = spawned.get(index) ?? [];
    const isTool = message.kind === 'tool-call' || message.kind === 'tool-result';
    if (hideTools && isTool)
      return children.map((child) => <Subagent key={child.agent} source={source} child={child} />);
    const clippedSize = win.clipped[index];
    const clippedNote =
      clippedSize === undefined ? null : (
        <button type="button" class="link" onClick={() => void win.expand(index)}>
          Shortened for display — show all {bytes(clippedSize)}
        </button>
      );
    const kindClass = message.kind === 'text' ? `msg-${message.role}` : `msg-${message.kind}`;
    return [
      <MessageFrame
        key={index}
        index={index}
        message={message}
        label={roleLabel(message)}
        className={kindClass}
        targeted={index === target}
        anchorBase={nested ? (source.agentHref?.(agent) ?? null) : ''}
      >
        {message.kind === 'tool-call' ? (
          <ToolCall call={message} result={results.byCall.get(index)} clippedNote={clippedNote} />
        ) : (
          <>
            <MessageBody message={message} />
            {clippedNote}
          </>
        )}
        {children.map((child) => (
          <Subagent key={child.agent} source={source} child={child} />
        ))}
      </MessageFrame>,
    ];
  });
  const end = start + messages.length;
  const unplaced = page.children.filter((child) => child.spawnedBy === null);

  return (
    <div class={nested ? 'transcript nested' : 'transcript'}>
      {header?.(page)}
      {nested ? null : (
        <div class="transcript-tools">
          <label class="switch">
            <input
              type="checkbox"
              checked={hideTools}
              onChange={(e) => setHideTools((e.currentTarget as HTMLInputElement).checked)}
            />
            Hide tool work
          </label>
          <PromptNav kinds={page.kinds} onJump={(index) => onJump?.(index)} />
          <FindBar source={source} agent={agent} onGo={(index) => onJump?.(index)} onText={setNeedle} />
        </div>
      )}
      {start > 0 ? (
        <button type="button" class="more" onClick={win.loadEarlier}>
          Show earlier messages ({count(start, 'message')} before these)
        </button>
      ) : null}
      <div class="messages" ref={list}>
        {shown}
      </div>
      {end < page.total ? (
        <button type="button" class="more" onClick={win.loadMore} disabled={win.loading}>
          {win.loading ? 'Loading…' : `Show more (${count(page.total - end, 'message')} left)`}
        </button>
      ) : null}
      <div ref={sentinel} />
      {end >= page.total && unplaced.length ? (
        <section class="unplaced">
          <h3>Subagents</h3>
          {unplaced.map((child) => (
            <Subagent key={child.agent} source={source} child={child} />
          ))}
        </section>
      ) : null}
      {win.error ? <div class="error-box">{win.error}</div> : null}
    </div>
  );
}

/** Each call's result within the window (by call id), and which results are shown inside their call. */
function pairResults(parsed: (Message | undefined)[], start: number) {
  const byId = new Map<string, number>();
  const byCall = new Map<number, Result>();
  const paired = new Set<number>();
  parsed.forEach((message, i) => {
    if (message?.kind === 'tool-call' && message.callId !== undefined) byId.set(message.callId, start + i);
  });
  parsed.forEach((message, i) => {
    if (message?.kind !== 'tool-result' || message.callId === undefined) return;
    const call = byId.get(message.callId);
    if (call === undefined || byCall.has(call)) return;
    byCall.set(call, message);
    paired.add(start + i);
  });
  return { byCall, paired };
}

function childrenByCall(children: readonly ChildInfo[]): Map<number, ChildInfo[]> {
  const map = new Map<number, ChildInfo[]>();
  for (const child of children) {
    if (child.spawnedBy === null) continue;
    map.set(child.spawnedBy, [...(map.get(child.spawnedBy) ?? []), child]);
  }
  return map;
}
