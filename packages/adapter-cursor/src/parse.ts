import { type DiagnosticsCollector, isRecord, type Message, toIsoTime } from '@convx/core';
import { flattenRichText } from './parse-rich-text.js';
import type { RawBubble, RawToolFormerData } from './types.js';

const ERROR_STATUSES = new Set(['error', 'failed', 'invalid']);
const ENDED_STATUSES = new Set(['cancelled', 'canceled', 'aborted', 'rejected']);

/**
 * The messages of one composer bubble (inline `conversation[]` entry or `bubbleId:` row), in reading order:
 * the user's prompt; or the assistant's thinking, text (with code blocks the text does not already show),
 * tool call and tool result.
 */
export function bubbleMessages(
  bubble: RawBubble,
  diagnostics: DiagnosticsCollector,
  path: string,
): Message[] {
  const common = commonFields(bubble);
  const text = bubbleText(bubble);
  switch (bubble.type) {
    case 1:
      return text ? [{ ...common, kind: 'text', role: 'user', text }] : [];
    case 2:
      return assistantMessages(bubble, text, common);
    default:
      diagnostics.add(
        'unknown-bubble-type',
        `a bubble of unknown type ${JSON.stringify(bubble.type)} was skipped`,
        {
          path,
        },
      );
      return [];
  }
}

/** The model that wrote an assistant bubble, when recorded. */
export function bubbleModel(bubble: RawBubble): string | undefined {
  const name = bubble.modelInfo?.modelName;
  return typeof name === 'string' && name && name !== 'default' ? name : undefined;
}

function commonFields(bubble: RawBubble): { id?: string; timestamp?: string } {
  const out: { id?: string; timestamp?: string } = {};
  if (typeof bubble.bubbleId === 'string') out.id = bubble.bubbleId;
  const started = bubble.timingInfo?.clientStartTime;
  const timestamp =
    toIsoTime(bubble.createdAt) ??
    (typeof started === 'number' && started > 1e12 ? toIsoTime(started) : undefined);
  if (timestamp) out.timestamp = timestamp;
  return out;
}

function bubbleText(bubble: RawBubble): string {
  if (typeof bubble.text === 'string' && bubble.text.trim()) return bubble.text;
  return bubble.richText === undefined || bubble.richText === null ? '' : flattenRichText(bubble.richText);
}

function assistantMessages(
  bubble: RawBubble,
  text: string,
  common: { id?: string; timestamp?: string },
): Message[] {
  const model = bubbleModel(bubble);
  const base = model ? { ...common, model } : common;
  const out: Message[] = [];
  const thinking = thinkingText(bubble.thinking);
  if (thinking) out.push({ ...base, kind: 'thinking', role: 'assistant', text: thinking });
  const full = withCodeBlocks(text, bubble.codeBlocks);
  if (full) out.push({ ...base, kind: 'text', role: 'assistant', text: full });
  if (bubble.toolFormerData && typeof bubble.toolFormerData === 'object') {
    out.push(...toolMessages(bubble.toolFormerData, base, common.id));
  }
  return out;
}

function thinkingText(thinking: unknown): string {
  if (typeof thinking === 'string') return thinking.trim();
  const text = (thinking as { text?: unknown } | null | undefined)?.text;
  return typeof text === 'string' ? text.trim() : '';
}

/**
 * Appends the code blocks whose content the text does not already contain (older bubbles kept code apart
 * from the prose), as fenced blocks.
 */
export function withCodeBlocks(text: string, codeBlocks: unknown): string {
  if (!Array.isArray(codeBlocks)) return text;
  let out = text;
  for (const block of codeBlocks) {
    if (typeof block !== 'object' || block === null) continue;
    const { content, code, languageId, language } = block as Record<string, unknown>;
    const body = typeof content === 'string' ? content : typeof code === 'string' ? code : '';
    if (!body.trim() || out.includes(body.trim())) continue;
    const lang = typeof languageId === 'string' ? languageId : typeof language === 'string' ? language : '';
    out = `${out ? `${out}\n\n` : ''}\`\`\`${lang}\n${body.replace(/\n$/, '')}\n\`\`\``;
  }
  return out;
}

function toolMessages(
  tool: RawToolFormerData,
  base: { id?: string; timestamp?: string; model?: string },
  bubbleId: string | undefined,
): Message[] {
  const name =
    typeof tool.name === 'string' && tool.name
      ? tool.name
      : tool.tool !== undefined
        ? String(tool.tool)
        : 'tool';
  const callId = typeof tool.toolCallId === 'string' && tool.toolCallId ? tool.toolCallId : bubbleId;
  const withCall = callId ? { callId } : {};
  const out: Message[] = [
    {
      ...base,
      kind: 'tool-call',
      role: 'assistant',
      name,
      input: parseArgs(tool.params ?? tool.rawArgs),
      ...withCall,
    },
  ];
  const status = typeof tool.status === 'string' ? tool.status.toLowerCase() : '';
  const result = resultText(tool.result);
  const error = typeof tool.error === 'string' ? tool.error : resultText(tool.error);
  const isError = ERROR_STATUSES.has(status);
  if (result === undefined && !error && !isError && !ENDED_STATUSES.has(status)) return out;
  const { model: _model, ...resultBase } = base;
  const output =
    [result, error].filter(Boolean).join('\n\n') || `The tool call ended with status "${status}".`;
  out.push({
    ...resultBase,
    kind: 'tool-result',
    role: 'tool',
    output,
    name,
    ...withCall,
    ...(isError ? { isError: true } : {}),
  });
  return out;
}

/** Tool arguments: parsed when they are JSON text, else the raw string; `{}` when absent. */
function parseArgs(args: unknown): unknown {
  if (typeof args !== 'string') return args ?? {};
  try {
    return JSON.parse(args);
  } catch {
    return args;
  }
}

/**
 * A result as text: JSON-encoded strings unwrapped; an object with one text field (`{contents}`,
 * `{output, exitCode}`) as that text followed by its other fields; anything else pretty-printed.
 */
function resultText(result: unknown): string | undefined {
  if (result === undefined || result === null || result === '') return undefined;
  let value = result;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return value as string;
    }
  }
  if (typeof value === 'string') return value;
  if (isRecord(value)) {
    const entries = Object.entries(value);
    const texts = entries.filter(([, v]) => typeof v === 'string');
    const scalars = entries.every(([, v]) => v === null || typeof v !== 'object');
    const [main] = texts;
    if (scalars && main && texts.length === 1) {
      const rest = entries.filter(([k]) => k !== main[0]).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
      return rest.length ? `${main[1]}\n\n${rest.join('\n')}` : (main[1] as string);
    }
  }
  return JSON.stringify(value, null, 2);
}
