import type { Message } from '@convx/core';
import { time } from '../lib/format.js';
import { renderMarkdown } from '../lib/markdown.js';
import { searchableMessageText } from '../lib/message-text.js';
import { Attachments } from './Attachments.js';
import { CopyButton } from './CopyButton.js';
import { ToolOutput } from './ToolCall.js';

const ROLE_LABEL: Record<string, string> = {
  user: 'User',
  assistant: 'Assistant',
  system: 'System',
  tool: 'Tool',
};

/** Kinds shown on one line until opened: the role at the left, the body, then time and actions. */
const COMPACT = new Set(['tool-call', 'tool-result', 'thinking', 'context', 'event']);

/** The frame of one message: its anchor (`#m<N>`), who said it, when, and a copy button. */
export function MessageFrame({
  index,
  message,
  label,
  className,
  targeted,
  anchorBase,
  children,
}: {
  /** '' for the transcript on the page; a subagent shown inside it links to its own page instead. */
  anchorBase: string | null;
  index: number;
  message: Message;
  label: string;
  className: string;
  targeted: boolean;
  children: preact.ComponentChildren;
}) {
  const side = (
    <span class="msg-actions">
      {message.timestamp ? <time dateTime={message.timestamp}>{time(message.timestamp)}</time> : null}
      {anchorBase === null ? null : (
        <a class="anchor" href={`${anchorBase}#m${index}`} title="Link to this message">
          #{index}
        </a>
      )}
      <CopyButton text={() => searchableMessageText(message)} title="Copy this message" />
    </span>
  );
  const compact = COMPACT.has(message.kind);
  return (
    <article
      id={anchorBase === '' ? `m${index}` : undefined}
      class={`msg ${className}${compact ? ' compact' : ''}${targeted ? ' targeted' : ''}`}
      data-index={index}
    >
      {compact ? (
        <>
          <span class="msg-role">{label}</span>
          <div class="msg-body">{children}</div>
          {side}
        </>
      ) : (
        <>
          <header class="msg-head">
            <span class="msg-role">{label}</span>
            {'model' in message && message.model ? <span class="muted model">{message.model}</span> : null}
            {side}
          </header>
          {children}
        </>
      )}
    </article>
  );
}

/** A message that is not a tool call: text as Markdown, thinking and context collapsed, events as notes. */
export function MessageBody({ message }: { message: Message }) {
  switch (message.kind) {
    case 'text':
      return (
        <>
          <div class="markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(message.text) }} />
          <Attachments items={message.attachments} />
        </>
      );
    case 'thinking':
      return message.redacted && !message.text ? (
        <div class="muted">Thinking (kept encrypted by the tool)</div>
      ) : (
        <details class="thinking">
          <summary>{firstLine(message.text)}</summary>
          <div class="markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(message.text) }} />
        </details>
      );
    case 'context':
      return (
        <details class="context">
          <summary>{message.label}</summary>
          <pre class="output">{message.text}</pre>
        </details>
      );
    case 'event':
      return <div class={`event event-${message.event}`}>{message.text ?? message.event}</div>;
    case 'tool-result':
      return <ToolOutput result={message} />;
    case 'tool-call':
      return null;
  }
}

export function roleLabel(message: Message): string {
  switch (message.kind) {
    case 'text':
      return ROLE_LABEL[message.role] ?? message.role;
    case 'thinking':
      return 'Thinking';
    case 'context':
      return 'Context';
    case 'event':
      return 'Event';
    case 'tool-call':
      return 'Tool';
    case 'tool-result':
      return 'Result';
  }
}

function firstLine(text: string): string {
  // A summary line, so Markdown emphasis around it (`**Planning the fix**`) is dropped.
  const line = (text.split('\n').find((l) => l.trim()) ?? '').trim().replace(/^[*_#\s]+|[*_\s]+$/g, '');
  return line.length > 140 ? `${line.slice(0, 140)}…` : line;
}
