import { arr, asRecord, type JsonRecord, type Message, str } from '@convx/core';
import type { ToolCallStateView } from './types.js';

/** The tool states of a history item: `toolCallStates[]` (2025-07+) or the older singular `toolCallState`. */
export function toolStatesOf(item: JsonRecord): ToolCallStateView[] {
  const states = Array.isArray(item.toolCallStates) ? item.toolCallStates : [item.toolCallState];
  const out: ToolCallStateView[] = [];
  for (const raw of states) {
    const state = asRecord(raw);
    if (!state) continue;
    const call = asRecord(state.toolCall);
    const callId = str(state.toolCallId) ?? str(call?.id);
    if (!callId) continue;
    const fn = asRecord(call?.function);
    const view: ToolCallStateView = { callId };
    const name = str(fn?.name) ?? str(asRecord(asRecord(state.tool)?.function)?.name);
    if (name) view.name = name;
    const input = argumentsOf(fn?.arguments, state.parsedArgs);
    if (input !== undefined) view.input = input;
    const status = str(state.status);
    if (status) view.status = status;
    const output = outputText(state.output);
    if (output !== undefined) view.output = output;
    out.push(view);
  }
  return out;
}

/** A call's arguments: its JSON string parsed, else the raw string, else the parsed arguments Continue kept. */
function argumentsOf(raw: unknown, parsed: unknown): unknown {
  const text = str(raw);
  if (text?.trim()) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return parsed ?? (text === undefined ? undefined : {});
}

/** A tool's output context items (`{name, description, content}`) as one text. */
function outputText(output: unknown): string | undefined {
  if (!Array.isArray(output)) return undefined;
  const parts = output.flatMap((raw) => {
    const item = asRecord(raw);
    const content = str(item?.content);
    return content === undefined ? [] : [content];
  });
  return parts.join('\n\n');
}

type Common = { id?: string; model?: string };

/**
 * The tool calls of an assistant message (`toolCalls[]`), completed by the states' own calls, each once; then
 * the results the states hold for calls no `tool` message answers (`answered`). A call still generating or
 * calling has no result yet.
 */
export function toolMessages(
  message: JsonRecord,
  states: ToolCallStateView[],
  answered: ReadonlySet<string>,
  common: Common,
): Message[] {
  const out: Message[] = [];
  const seen = new Set<string>();
  const byId = new Map(states.map((s) => [s.callId, s]));
  for (const raw of arr(message.toolCalls)) {
    const call = asRecord(raw);
    const fn = asRecord(call?.function);
    const callId = str(call?.id);
    if (!callId || seen.has(callId)) continue;
    seen.add(callId);
    const state = byId.get(callId);
    const name = str(fn?.name) ?? state?.name ?? 'tool';
    const input = argumentsOf(fn?.arguments, undefined) ?? state?.input ?? {};
    out.push({ ...common, kind: 'tool-call', role: 'assistant', name, input, callId });
  }
  for (const state of states) {
    if (seen.has(state.callId)) continue;
    seen.add(state.callId);
    const name = state.name ?? 'tool';
    out.push({
      ...common,
      kind: 'tool-call',
      role: 'assistant',
      name,
      input: state.input ?? {},
      callId: state.callId,
    });
  }
  const { model: _model, ...resultCommon } = common;
  for (const state of states) {
    if (answered.has(state.callId)) continue;
    const result = resultOf(state);
    if (!result) continue;
    out.push({
      ...resultCommon,
      kind: 'tool-result',
      role: 'tool',
      callId: state.callId,
      ...(state.name ? { name: state.name } : {}),
      ...result,
    });
  }
  return out;
}

/** What a settled state says: its output, flagged when it errored; a canceled call says so. */
export function resultOf(
  state: ToolCallStateView | undefined,
): { output: string; isError?: true } | undefined {
  if (!state) return undefined;
  const errored = state.status === 'errored';
  if (state.status === 'canceled') return { output: state.output || '(canceled)' };
  if (state.output === undefined && state.status !== 'done' && !errored) return undefined;
  return { output: state.output ?? '', ...(errored ? { isError: true as const } : {}) };
}
