import type { Attachment } from '@convx/core';
import { arr, asRecord, type JsonRecord, str } from '@convx/core';
import type { Transcript } from './parse.js';
import {
  type ContentParts,
  imageAttachment,
  type KeepPayload,
  parseArguments,
  readContent,
} from './parse-content.js';
import {
  developerContextLabel,
  IDE_CONTEXT_LABEL,
  splitIdeContext,
  userContextLabel,
} from './parse-context-labels.js';
import { readToolOutput } from './parse-tool-output.js';
import type { RecordBase } from './types.js';

/**
 * Adds one message of any role, split into injected context and typed text. A `user` message can bundle
 * AGENTS.md, the environment block and the prompt as separate parts: each context part becomes its own
 * `context` message, the remaining parts the typed prompt.
 */
export function addMessage(t: Transcript, role: string, parts: ContentParts, base: RecordBase): void {
  switch (role) {
    case 'user': {
      const typed: string[] = [];
      for (const text of parts.texts) {
        const label = userContextLabel(text);
        if (label) {
          t.context('user', label, text, base);
          continue;
        }
        const { context, prompt } = splitIdeContext(text);
        if (context) t.context('user', IDE_CONTEXT_LABEL, context, base);
        if (prompt.trim()) typed.push(prompt);
      }
      if (typed.length || parts.attachments.length) t.userText(typed.join('\n\n'), parts.attachments, base);
      return;
    }
    case 'assistant': {
      const text = parts.texts.join('\n\n');
      if (text.trim()) t.assistantText(text, base);
      return;
    }
    default:
      // developer and system messages: instructions Codex sends, never typed in the conversation.
      for (const text of parts.texts) t.context('system', developerContextLabel(text), text, base);
  }
}

/** Applies one Responses-API item (`response_item` payload, or an unwrapped line of the 2025 JSONL). */
export function applyResponseItem(
  t: Transcript,
  item: JsonRecord,
  base: RecordBase,
  keep: KeepPayload,
): void {
  const itemBase: RecordBase = { ...base, id: str(item.id) };
  switch (item.type) {
    case 'message':
      addMessage(t, str(item.role) ?? 'user', readContent(item.content, keep), itemBase);
      return;
    case 'reasoning':
      addReasoning(t, item, itemBase);
      return;
    case 'function_call':
      t.toolCall(str(item.name) ?? 'function', parseArguments(item.arguments), str(item.call_id), itemBase);
      return;
    case 'custom_tool_call':
      t.toolCall(str(item.name) ?? 'custom_tool', item.input ?? '', str(item.call_id), itemBase);
      return;
    case 'local_shell_call':
      t.toolCall('local_shell', item.action ?? {}, str(item.call_id) ?? str(item.id), itemBase);
      return;
    case 'web_search_call': {
      const action = asRecord(item.action);
      const query = str(action?.query);
      t.toolCall('web_search', query !== undefined ? { query } : (action ?? {}), undefined, itemBase);
      return;
    }
    case 'function_call_output':
    case 'custom_tool_call_output':
      t.toolResult(str(item.call_id), readToolOutput(item.output, keep), itemBase);
      return;
    default:
      // Newer item kinds (tool_search_call, image generation…) carry nothing a transcript needs.
      return;
  }
}

/** Summary texts (or older `reasoning_text` content) as thinking; encrypted-only as one redacted marker. */
function addReasoning(t: Transcript, item: JsonRecord, base: RecordBase): void {
  const texts = arr(item.summary)
    .map((part) => (typeof part === 'string' ? part : str(asRecord(part)?.text)))
    .filter((text): text is string => !!text?.trim());
  if (!texts.length) {
    for (const part of arr(item.content)) {
      const text = str(asRecord(part)?.text);
      if (text?.trim()) texts.push(text);
    }
  }
  if (texts.length) t.thinking(texts, base);
  else if (str(item.encrypted_content)) t.redactedThinking(base);
}

/** Attachments of a `user_message` event: inline images saved, local images by path (never read). */
export function eventAttachments(payload: JsonRecord, keep: KeepPayload): Attachment[] {
  const out: Attachment[] = [];
  for (const image of arr(payload.images)) {
    const url = str(image);
    if (url) out.push(imageAttachment(url, keep));
  }
  for (const path of arr(payload.local_images)) {
    const p = str(path) ?? str(asRecord(path)?.path);
    if (p) out.push({ type: 'image', path: p });
  }
  return out;
}
