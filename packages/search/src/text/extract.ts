import type { Column } from './columns.js';

/** What a message contributes to the index: the column its kind fills and its searchable text. */
export interface MessageText {
  column: Column;
  text: string;
  /** A tool call's tool name. */
  tool?: string;
}

type Loose = Record<string, unknown>;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The searchable text of a twin message (docs/output-format.md), by kind: a person's typed text, a reply,
 * thinking, a tool call (its name and every string in its input: commands, paths, file contents), a tool
 * result, an event, injected context. Undefined for a message with nothing to find.
 */
export function messageText(value: unknown): MessageText | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const m = value as Loose;
  let result: MessageText | undefined;
  switch (m.kind) {
    case 'text':
      result = {
        column: m.role === 'user' ? 'prompt' : m.role === 'assistant' ? 'reply' : 'context',
        text: withAttachments(str(m.text), m.attachments),
      };
      break;
    case 'thinking':
      result = { column: 'thinking', text: str(m.text) };
      break;
    case 'tool-call': {
      const name = str(m.name);
      result = { column: 'call', text: `${name}\n${inputText(m.input)}`, tool: name };
      break;
    }
    case 'tool-result':
      result = { column: 'output', text: withAttachments(str(m.output), m.attachments) };
      break;
    case 'event':
      result = { column: 'event', text: `${str(m.event)} ${str(m.text)}` };
      break;
    case 'context':
      result = { column: 'context', text: `${str(m.label)}\n${str(m.text)}` };
      break;
    default:
      return undefined;
  }
  return result.text.trim() ? result : undefined;
}

/** A tool call's input as text: a raw string as is, else every string and number in it, in order. */
function inputText(input: unknown): string {
  if (typeof input === 'string') return input;
  const parts: string[] = [];
  const visit = (value: unknown, depth: number) => {
    if (typeof value === 'string') parts.push(value);
    else if (typeof value === 'number' || typeof value === 'boolean') parts.push(String(value));
    else if (value && typeof value === 'object' && depth < 32) {
      for (const item of Array.isArray(value) ? value : Object.values(value)) visit(item, depth + 1);
    }
  };
  visit(input, 0);
  return parts.join('\n');
}

function withAttachments(text: string, attachments: unknown): string {
  if (!Array.isArray(attachments) || attachments.length === 0) return text;
  const names = attachments
    .map((a) => (a && typeof a === 'object' ? str((a as Loose).name) || str((a as Loose).path) : ''))
    .filter(Boolean);
  return names.length ? `${text}\n${names.join('\n')}` : text;
}
