import { type Diagnostic, firstTypedPrompt, type Message, type Session } from '@convx/core';
import {
  attachmentList,
  contextBlock,
  eventBlock,
  type Pieces,
  thinkingBlock,
  toolCallBlock,
  toolResultBlock,
  toolTextBlock,
} from './blocks.js';
import type { SessionFacts } from './facts.js';
import { displayTitle, type ParentInfo, sessionFrontMatter, titleBlock } from './header.js';
import type { WindowLimits } from './lookahead.js';
import { escapeInline, inlineCode, linkPath, oneLine } from './markdown.js';
import { neutralizeMarkdown } from './neutralize.js';
import type { MarkdownOptions } from './options.js';
import { pairedSteps, type Step } from './pairing.js';
import type { ChildFile } from './subagents.js';
import { messageTime } from './time.js';
import { sessionZone, type Zone } from './zone.js';

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
  /** The session's header; its `messages` are never read (they come from `messages()`). */
  session: Session;
  /** A fresh iterable over the session's messages, in order, each call. */
  messages: () => Iterable<Message>;
  facts: SessionFacts;
  options: MarkdownOptions;
  /** Children of this session with their file stems. */
  children: readonly ChildFile[];
  /** Relative link prefix from this file to its children's folder (`<basename>`, `agent-x`). */
  childDir: string;
  /** Relative link prefix from this file to the session folder holding saved attachments (`<basename>`, ``, `..`). */
  attachmentDir: string;
  parent?: (() => ParentInfo) | undefined;
  window: WindowLimits;
}

/**
 * The transcript of one session as Markdown chunks: header, turns, subagent links, reading notes. Reads the
 * messages in one pass, holding only a bounded window ahead of the message being written.
 */
export function* renderDocument(input: DocumentInput): Generator<string> {
  const { session, options, children, facts } = input;
  const title = displayTitle(session, facts.firstPrompt);
  const parent = input.parent?.();
  const zone = sessionZone(session, options.timezone);
  yield sessionFrontMatter(session, title, parent);
  yield '\n';
  yield titleBlock(session, title, zone);
  if (parent) yield `\n↩ Spawned by [${escapeInline(parent.title)}](${parent.href})\n`;

  const spawned = facts.spawned();
  const link = (child: ChildFile) => {
    const type = child.session.agent?.type ? ` (${inlineCode(child.session.agent.type)})` : '';
    const childTitle = displayTitle(child.session, () => firstTypedPrompt(child.session.messages));
    return `[${escapeInline(childTitle)}](${linkPath(`${input.childDir}/${child.stem}.md`)})${type}`;
  };

  let open: Speaker | undefined;
  let wrote = false;
  // Sources that keep thinking only encrypted record it before every step of a turn: one note says it.
  let redactedNoted = false;
  for (const step of pairedSteps(input.messages(), input.window)) {
    const { message } = step;
    if (message.kind === 'context' && !options.showContext) continue;
    const redacted = message.kind === 'thinking' && message.redacted === true;
    if (redacted && redactedNoted && open === 'Assistant') continue;
    const block = messageBlock(step);
    if (block.length === 0) continue; // an empty message opens no turn
    const speaker = speakerOf(message);
    if (speaker && speaker !== open) {
      open = speaker;
      redactedNoted = false;
      yield `\n${turnHeading(speaker, step, session, options, zone)}\n`;
    }
    if (redacted) redactedNoted = true;
    yield '\n';
    if (typeof block === 'string') yield block;
    else for (const piece of block) if (piece) yield piece;
    wrote = true;
  }
  if (!wrote) yield '\n*No messages.*\n';

  const matched = new Set(spawned.values());
  const unmatched = children.filter((_, index) => !matched.has(index));
  if (unmatched.length) {
    yield '\n## Subagents\n\n';
    yield `${unmatched.map((child) => `- ${link(child)}`).join('\n')}\n`;
  }
  if (session.diagnostics.length) yield `\n${diagnosticsBlock(session.diagnostics)}`;

  function messageBlock({ message, index, result }: Step): string | Pieces {
    const time = () => messageTime(message.timestamp, session.startedAt, options.timeFormat, zone);
    switch (message.kind) {
      case 'text': {
        if (message.role === 'tool') return toolTextBlock(message.text, options);
        // What a person typed keeps its line breaks; assistant text is Markdown and renders as such.
        const keepLineBreaks = message.role === 'user';
        const text = message.text.trim();
        const pieces: Pieces = text ? [neutralizeMarkdown(text, { keepLineBreaks }), '\n'] : [];
        const files = attachmentList(message.attachments, input.attachmentDir);
        if (files) pieces.push(...(pieces.length ? ['\n', files] : [files]));
        return pieces;
      }
      case 'thinking':
        return thinkingBlock(message);
      case 'tool-call': {
        const childIndex = spawned.get(index);
        const child = childIndex === undefined ? undefined : children[childIndex];
        const agentLink = child ? `↳ Subagent: ${link(child)}` : undefined;
        return toolCallBlock(message, { result, agentLink, attachmentDir: input.attachmentDir }, options);
      }
      case 'tool-result':
        return toolResultBlock(message, options, input.attachmentDir);
      case 'context':
        return contextBlock(message, options);
      case 'event':
        return eventBlock(message, time());
    }
  }
}

/**
 * `## User · 10:00`, with the model when the session used several: the first time and model of the turn,
 * looked for from its first shown message up to the next speaker, within the window.
 */
function turnHeading(
  speaker: Speaker,
  step: Step,
  session: Session,
  options: MarkdownOptions,
  zone: Zone,
): string {
  const wantsModel = speaker === 'Assistant' && session.models.length > 1;
  let stamp = step.message.timestamp;
  let model = step.message.model;
  const settled = () => stamp !== undefined && (!wantsModel || model !== undefined);
  if (!settled()) {
    for (const m of step.ahead()) {
      const other = speakerOf(m);
      if (other && other !== speaker) break;
      stamp ??= m.timestamp;
      model ??= m.model;
      if (settled()) break;
    }
  }
  const time = messageTime(stamp, session.startedAt, options.timeFormat, zone);
  const modelTag = wantsModel && model ? inlineCode(model) : undefined;
  return `## ${[speaker, time, modelTag].filter(Boolean).join(' · ')}`;
}

function diagnosticsBlock(diagnostics: readonly Diagnostic[]): string {
  const lines = diagnostics.map((d) => {
    const where = d.line !== undefined ? `, first at line ${d.line}` : '';
    return `- ${inlineCode(d.code)} ×${d.count}${where}: ${escapeInline(oneLine(d.message))}`;
  });
  return `---\n\n**Reading notes** — parts of the source could not be read:\n\n${lines.join('\n')}\n`;
}
