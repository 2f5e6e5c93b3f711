import { arr, asRecord, type JsonRecord, type Message, str } from '@convx/core';
import { editMessage, type RecordedCall, type Stamp, toolMessages } from './parse-tools.js';
import { pathOfUri, shortName, textOf } from './parse-values.js';

// Parts left out on purpose (streaming state, UI buttons, markers): prepareToolInvocation, undoStop,
// codeblockUri, progressMessage, progressTask(Serialized), mcpServersStarting, command, autoModeResolution,
// extensions, treeData, codeCitation, multiDiffData, pullRequest.
const TOOL_KINDS = new Set(['toolInvocationSerialized', 'toolInvocation']);
const EDIT_KINDS = new Set(['textEditGroup', 'notebookEditGroup']);
const LONE_FENCE = /^\s*`{3,}[\w+-]*\s*$/;

/**
 * The reply of one request as messages, in the order it streamed: markdown (with inline references as
 * `name`), thinking, tool calls with their results, edits as diffs, warnings and confirmations. Unknown part
 * kinds are left out.
 */
export function responseMessages(response: unknown, calls: RecordedCall[], stamp: Stamp): Message[] {
  const parts = dedupeTools(responseParts(response));
  const out: Message[] = [];
  let text = '';
  let thinking = '';
  const flush = () => {
    if (text.trim()) out.push({ kind: 'text', role: 'assistant', text: text.trim(), ...stamp });
    if (thinking.trim()) out.push({ kind: 'thinking', role: 'assistant', text: thinking.trim(), ...stamp });
    text = '';
    thinking = '';
  };
  let callIndex = 0;
  parts.forEach((part, index) => {
    const kind = str(part.kind);
    if (kind === undefined || kind === 'markdownContent' || kind === 'markdownVuln') {
      const value = textOf(part.value) ?? textOf(part.content) ?? '';
      if (LONE_FENCE.test(value) && nextToEdit(parts, index)) return;
      if (thinking) flush();
      text += value;
    } else if (kind === 'inlineReference') {
      if (thinking) flush();
      text += inlineReference(part);
    } else if (kind === 'thinking') {
      if (text) flush();
      const value = part.value;
      thinking += Array.isArray(value)
        ? value.filter((v) => typeof v === 'string').join('')
        : (str(value) ?? '');
    } else if (TOOL_KINDS.has(kind)) {
      flush();
      out.push(...toolMessages(part, calls[callIndex++], stamp));
    } else if (EDIT_KINDS.has(kind)) {
      flush();
      const edit = editMessage(part, stamp);
      if (edit) out.push(edit);
    } else if (kind === 'warning') {
      flush();
      const value = textOf(part.content) ?? textOf(part.value);
      if (value) out.push(event('warning', value, stamp));
    } else if (kind === 'confirmation' || kind === 'elicitation' || kind === 'elicitationSerialized') {
      flush();
      out.push(event('info', confirmationText(part), stamp));
    }
    // Anything else is one of the parts left out above, or a newer VS Code's part this version does not know: left out.
  });
  flush();
  return out;
}

/** Response parts: a list in every version but the earliest, which held `{value: [...]}` or plain text. */
function responseParts(response: unknown): JsonRecord[] {
  if (typeof response === 'string') return [{ value: response }];
  const list = Array.isArray(response) ? response : arr(asRecord(response)?.value);
  return list.flatMap((item) => {
    if (typeof item === 'string') return [{ value: item }];
    const record = asRecord(item);
    return record ? [record] : [];
  });
}

/**
 * VS Code writes a tool invocation again each time its state changes (running, then done): one call, kept at
 * its first place (where it ran) with its last state (which has the result).
 */
function dedupeTools(parts: JsonRecord[]): JsonRecord[] {
  const firstAt = new Map<string, number>();
  const out: JsonRecord[] = [];
  for (const part of parts) {
    const id = TOOL_KINDS.has(str(part.kind) ?? '') ? str(part.toolCallId) : undefined;
    const at = id === undefined ? undefined : firstAt.get(id);
    if (at !== undefined) {
      out[at] = part;
      continue;
    }
    if (id !== undefined) firstAt.set(id, out.length);
    out.push(part);
  }
  return out;
}

/** Whether a lone code fence only wraps an edit (`codeblockUri` / `textEditGroup`), so it would render empty. */
function nextToEdit(parts: JsonRecord[], index: number): boolean {
  const near = [parts[index - 1], parts[index + 1]].map((p) => str(p?.kind) ?? '');
  return near.some((kind) => kind === 'codeblockUri' || EDIT_KINDS.has(kind));
}

function inlineReference(part: JsonRecord): string {
  const reference = part.inlineReference;
  const name = str(part.name) ?? str(asRecord(reference)?.name);
  const path = pathOfUri(reference);
  const label = name ?? (path ? shortName(path) : undefined);
  return label ? `\`${label}\`` : '';
}

function confirmationText(part: JsonRecord): string {
  const title = textOf(part.title);
  const message = textOf(part.message);
  const answer = part.isUsed === true ? ' (answered)' : '';
  return `${[title, message].filter(Boolean).join(': ') || 'Confirmation'}${answer}`;
}

export function event(kind: 'warning' | 'info' | 'error' | 'abort', text: string, stamp: Stamp): Message {
  return {
    kind: 'event',
    role: 'system',
    event: kind,
    text,
    ...(stamp.timestamp ? { timestamp: stamp.timestamp } : {}),
  };
}
