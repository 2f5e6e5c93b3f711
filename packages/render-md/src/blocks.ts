import {
  type Attachment,
  type ContextMessage,
  type EventMessage,
  type EventType,
  isImageType,
  savedFileOf,
  type ThinkingMessage,
  type ToolCallMessage,
  type ToolResultMessage,
} from '@convx/core';
import { readableLabel, settingValue } from './labels.js';
import {
  escapeHtml,
  escapeInline,
  fencePieces,
  formatBytes,
  inlineCode,
  linkPath,
  normalizeNewlines,
  oneLine,
  shorten,
} from './markdown.js';
import { neutralizeMarkdown } from './neutralize.js';
import type { MarkdownOptions } from './options.js';
import { describeInput, type InputBlock, inputPreview } from './tool-input.js';
import { splitToolOutput } from './tool-output.js';
import { shortenBody } from './truncate.js';

// Each function returns one Markdown block ending in `\n`; the caller separates blocks with a blank line.
// A block that holds message content comes as pieces (`Pieces`, the block is their concatenation): the writer
// encodes each as it is, where one string would be a copy of the content (a join) or a concatenation the
// writer must flatten (copy) before encoding it — together ~1.2 GB of a cold `claude-heavy` backup's
// allocations.

/** A Markdown block as the strings that, one after another, make it. */
export type Pieces = string[];

function details(summary: string, body: Array<string | Pieces>): Pieces {
  const pieces: Pieces = [`<details>\n<summary>${summary}</summary>\n\n`];
  let empty = true;
  for (const part of body) {
    if (part.length === 0) continue;
    if (!empty) pieces.push('\n');
    empty = false;
    if (typeof part === 'string') pieces.push(part);
    else pieces.push(...part);
  }
  pieces.push(empty ? '</details>\n' : '\n</details>\n');
  return pieces;
}

/** A fenced body shortened per the options, followed by the note saying what was cut. */
function toolBody(body: string, lang: string, options: MarkdownOptions): Pieces {
  const { text, note } = shortenBody(normalizeNewlines(body), options);
  const pieces = fencePieces(text, lang);
  if (note) pieces.push(`\n*${note}*\n`);
  return pieces;
}

/**
 * One attachment as a list item: what it is (name or path, type, size, short hash) — never its bytes. A copy
 * convx saved is linked (`dir` leads from this file to the session folder holding it) and, for an image,
 * shown; one it could not save says why.
 */
function attachmentLine(attachment: Attachment, dir: string): string {
  // A reference only; a data: URL is a payload, not a name, so it is never printed.
  const safe = (value: string | undefined) =>
    value && !/^data:/i.test(value.trim()) ? inlineCode(shorten(value, 160)) : undefined;
  const saved = savedFileOf(attachment);
  const href = saved ? linkPath(dir ? `${dir}/${saved}` : saved) : undefined;
  const label =
    safe(attachment.name) ?? safe(attachment.path) ?? inlineCode(oneLine(attachment.type) || 'file');
  const parts = [
    href ? `[${label}](${href})` : label,
    attachment.name || attachment.path ? oneLine(attachment.type) : undefined,
    attachment.size !== undefined ? formatBytes(attachment.size) : undefined,
    attachment.sha256 ? `sha256 ${inlineCode(attachment.sha256.slice(0, 12))}` : undefined,
    attachment.name && attachment.path ? `at ${safe(attachment.path)}` : undefined,
    attachment.omitted ? `not saved: ${escapeInline(oneLine(attachment.omitted))}` : undefined,
  ];
  const line = `- Attachment: ${parts.filter(Boolean).join(' · ')}`;
  if (!href || !isImageType(attachment.type)) return line;
  const alt = escapeInline(oneLine(attachment.name ?? attachment.type)).replace(/[[\]]/g, '');
  return `${line}\n\n  ![${alt}](${href})\n`;
}

/**
 * A bullet list of attachment references (type, size, short hash), never their bytes; saved copies are
 * linked relative to `dir`, the way from the transcript to its session folder.
 */
export function attachmentList(attachments: readonly Attachment[] | undefined, dir: string): string {
  if (!attachments?.length) return '';
  return `${attachments.map((a) => attachmentLine(a, dir)).join('\n')}\n`;
}

function resultSection(
  result: ToolResultMessage,
  options: MarkdownOptions,
  dir: string,
): Array<string | Pieces> {
  const { text, exitCode, running } = splitToolOutput(result.output);
  const facts = [
    result.isError ? '**Error**' : '**Result**',
    exitCode ? `exit code ${exitCode}` : undefined,
    running !== undefined ? `still running (session ${inlineCode(running)})` : undefined,
  ];
  const output = text.trim() === '' ? '*(no output)*\n' : toolBody(text, '', options);
  return [`${facts.filter(Boolean).join(' · ')}\n`, output, attachmentList(result.attachments, dir)];
}

export interface CallExtras {
  result?: ToolResultMessage | undefined;
  /** The way from this transcript to its session folder, for saved attachments. */
  attachmentDir: string;
  /** A Markdown line linking the subagent this call spawned. */
  agentLink?: string | undefined;
}

/** `Timeout (ms): \`120000\``, `Background: no`. */
function setting(key: string, value: unknown): string {
  const { text, code } = settingValue(value);
  return `${escapeInline(readableLabel(key))}: ${code ? inlineCode(text) : text}`;
}

function inputBlock(block: InputBlock, options: MarkdownOptions): string | Pieces {
  switch (block.kind) {
    case 'line':
      return `${block.label}: ${inlineCode(shorten(block.value, 300))}\n`;
    case 'settings':
      return `${block.entries.map(([key, value]) => setting(key, value)).join(' · ')}\n`;
    case 'fence':
      return toolBody(block.body, block.lang, options);
  }
}

/** A tool call in a collapsed block, with its paired result inside it, or a note that none was recorded. */
export function toolCallBlock(call: ToolCallMessage, extras: CallExtras, options: MarkdownOptions): Pieces {
  const preview = inputPreview(call.input);
  const flag = extras.result?.isError ? ' · <b>error</b>' : '';
  const summary = `Tool: <code>${escapeHtml(oneLine(call.name))}</code>${
    preview ? ` · ${escapeHtml(shorten(oneLine(preview.slice(0, 400)), 80))}` : ''
  }${flag}`;
  const input = describeInput(call.input);
  const body: Array<string | Pieces> = input.length
    ? input.map((block) => inputBlock(block, options))
    : ['*(no input)*\n'];
  if (extras.result) body.push(...resultSection(extras.result, options, extras.attachmentDir));
  // Only a call with an id can be known to lack its result (without one, results are shown on their own);
  // a call that spawned a subagent has the subagent's transcript as its outcome.
  else if (call.callId !== undefined && !extras.agentLink) body.push('*No result was recorded.*\n');
  const block = details(summary, body);
  if (extras.agentLink) block.push(`\n${extras.agentLink}\n`);
  return block;
}

/** A result whose call is missing (or has no id to pair on). */
export function toolResultBlock(result: ToolResultMessage, options: MarkdownOptions, dir: string): Pieces {
  const name = result.name ? ` <code>${escapeHtml(oneLine(result.name))}</code>` : '';
  const flag = result.isError ? ' · <b>error</b>' : '';
  return details(`Tool result${name}${flag}`, resultSection(result, options, dir));
}

/** Output that a source stored as a plain `tool` text message. */
export function toolTextBlock(text: string, options: MarkdownOptions): Pieces {
  return details('Tool output', [toolBody(text, '', options)]);
}

export function thinkingBlock(message: ThinkingMessage): Pieces {
  if (message.redacted) return ['*Thinking redacted: the source kept only an encrypted form.*\n'];
  if (!message.text.trim()) return [];
  return details('Thinking', [[neutralizeMarkdown(message.text.trim()), '\n']]);
}

export function contextBlock(message: ContextMessage, options: MarkdownOptions): Pieces {
  const label = oneLine(message.label) || 'injected';
  return details(`Context: ${escapeHtml(shorten(label, 80))}`, [toolBody(message.text, '', options)]);
}

const EVENT_LABELS: Record<EventType, string> = {
  error: '⛔ Error',
  abort: '⏹ Aborted',
  compaction: '🗜 Compaction',
  info: 'ℹ Info',
  warning: '⚠ Warning',
};

/** An event as a short blockquote with a bold label, so it stands apart from the conversation. */
export function eventBlock(message: EventMessage, time: string | undefined): string {
  const label = `**${EVENT_LABELS[message.event]}**${time ? ` · ${time}` : ''}`;
  const text = message.text?.trim() ? neutralizeMarkdown(message.text.trim()) : '';
  const lines = text ? `${label} — ${text}`.split('\n') : [label];
  return `${lines.map((line) => (line ? `> ${line}` : '>')).join('\n')}\n`;
}
