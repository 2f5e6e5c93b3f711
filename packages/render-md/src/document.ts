import type { Diagnostic, Message, Session, ToolResultMessage } from '@convx/core';
import {
  attachmentList,
  contextBlock,
  eventBlock,
  thinkingBlock,
  toolCallBlock,
  toolResultBlock,
  toolTextBlock,
} from './blocks.js';
import { displayTitle, type ParentInfo, sessionFrontMatter, titleBlock } from './header.js';
import { escapeInline, inlineCode, linkPath, oneLine } from './markdown.js';
import { neutralizeMarkdown } from './neutralize.js';
import type { MarkdownOptions } from './options.js';
import { type ChildFile, matchSpawningCalls } from './subagents.js';
import { messageTime } from './time.js';

type Speaker = 'User' | 'Assistant' | 'System';

/** Who a message belongs to for grouping; context and events sit inside whatever turn is open. */
function speakerOf(message: Message): Speaker | undefined {
  switch (message.kind) {
    case 'text':
      return message.role === 'user' ? 'User' : message.role === 'system' ? 'System' : 'Assistant';
    case 'thinking':
    case 'tool-call':
    case 'tool-result':
      return 'Assistant';
    case 'context':
    case 'event':
      return undefined;
  }
}

export interface DocumentInput {
  session: Session;
  options: MarkdownOptions;
  /** Children of this session with their file stems. */
  children: readonly ChildFile[];
  /** Relative link prefix from this file to its children's folder (`<basename>`, `agent-x`). */
  childDir: string;
  parent?: ParentInfo | undefined;
}

/** Pairs each tool result with its call by callId: call index → result, and the set of results used. */
function pairResults(messages: readonly Message[]) {
  const calls = new Map<string, number>();
  messages.forEach((m, i) => {
    if (m.kind === 'tool-call' && m.callId !== undefined && !calls.has(m.callId)) calls.set(m.callId, i);
  });
  const resultOfCall = new Map<number, ToolResultMessage>();
  const resultById = new Map<string, ToolResultMessage>();
  const paired = new Set<number>();
  messages.forEach((m, i) => {
    if (m.kind !== 'tool-result' || m.callId === undefined) return;
    const call = calls.get(m.callId);
    if (call === undefined || resultOfCall.has(call)) return;
    resultOfCall.set(call, m);
    resultById.set(m.callId, m);
    paired.add(i);
  });
  return { resultOfCall, resultById, paired };
}

/** The transcript of one session as Markdown chunks: header, turns, subagent links, reading notes. */
export function* renderDocument(input: DocumentInput): Generator<string> {
  const { session, options, children } = input;
  const { messages } = session;
  yield sessionFrontMatter(session, input.parent);
  yield '\n';
  yield titleBlock(session);
  if (input.parent) yield `\n↩ Spawned by [${escapeInline(input.parent.title)}](${input.parent.href})\n`;

  const { resultOfCall, resultById, paired } = pairResults(messages);
  const spawned = matchSpawningCalls(
    messages,
    children.map((c) => c.session),
    (callId) => (callId === undefined ? undefined : resultById.get(callId)),
  );
  const link = (child: ChildFile) => {
    const type = child.session.agent?.type ? ` (${inlineCode(child.session.agent.type)})` : '';
    return `[${escapeInline(displayTitle(child.session))}](${linkPath(`${input.childDir}/${child.stem}.md`)})${type}`;
  };

  let open: Speaker | undefined;
  let wrote = false;
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i];
    if (!message || paired.has(i)) continue;
    if (message.kind === 'context' && !options.showContext) continue;
    const block = messageBlock(message, i);
    if (!block) continue; // an empty message opens no turn
    const speaker = speakerOf(message);
    if (speaker && speaker !== open) {
      open = speaker;
      yield `\n${turnHeading(speaker, messages, i, session, options)}\n`;
    }
    yield `\n${block}`;
    wrote = true;
  }
  if (!wrote) yield '\n*No messages.*\n';

  const unmatched = children.filter((_, index) => ![...spawned.values()].includes(index));
  if (unmatched.length) {
    yield '\n## Subagents\n\n';
    yield `${unmatched.map((child) => `- ${link(child)}`).join('\n')}\n`;
  }
  if (session.diagnostics.length) yield `\n${diagnosticsBlock(session.diagnostics)}`;

  function messageBlock(message: Message, index: number): string {
    const time = () => messageTime(message.timestamp, session.startedAt, options.timeFormat);
    switch (message.kind) {
      case 'text': {
        if (message.role === 'tool') return toolTextBlock(message.text, options);
        // What a person typed keeps its line breaks; assistant text is Markdown and renders as such.
        const keepLineBreaks = message.role === 'user';
        const text = message.text.trim()
          ? `${neutralizeMarkdown(message.text.trim(), { keepLineBreaks })}\n`
          : '';
        const files = attachmentList(message.attachments);
        return text && files ? `${text}\n${files}` : text || files;
      }
      case 'thinking':
        return thinkingBlock(message);
      case 'tool-call': {
        const childIndex = spawned.get(index);
        const child = childIndex === undefined ? undefined : children[childIndex];
        const agentLink = child ? `↳ Subagent: ${link(child)}` : undefined;
        return toolCallBlock(message, { result: resultOfCall.get(index), agentLink }, options);
      }
      case 'tool-result':
        return toolResultBlock(message, options);
      case 'context':
        return contextBlock(message, options);
      case 'event':
        return eventBlock(message, time());
    }
  }
}

/** `## User · 10:00`, with the model when the session used several. */
function turnHeading(
  speaker: Speaker,
  messages: readonly Message[],
  from: number,
  session: Session,
  options: MarkdownOptions,
): string {
  let stamp: string | undefined;
  let model: string | undefined;
  for (let i = from; i < messages.length; i++) {
    const m = messages[i];
    if (!m) break;
    const other = speakerOf(m);
    if (other && other !== speaker) break;
    stamp ??= m.timestamp;
    model ??= m.model;
  }
  const time = messageTime(stamp, session.startedAt, options.timeFormat);
  const modelTag =
    speaker === 'Assistant' && model && session.models.length > 1 ? inlineCode(model) : undefined;
  return `## ${[speaker, time, modelTag].filter(Boolean).join(' · ')}`;
}

function diagnosticsBlock(diagnostics: readonly Diagnostic[]): string {
  const lines = diagnostics.map((d) => {
    const where = d.line !== undefined ? `, first at line ${d.line}` : '';
    return `- ${inlineCode(d.code)} ×${d.count}${where}: ${escapeInline(oneLine(d.message))}`;
  });
  return `---\n\n**Reading notes** — parts of the source could not be read:\n\n${lines.join('\n')}\n`;
}
