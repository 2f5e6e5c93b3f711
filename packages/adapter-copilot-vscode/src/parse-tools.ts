import { arr, asRecord, type JsonRecord, type Message, num, str } from '@convx/core';
import { parseJsonText, pathOfUri, textOf } from './parse-values.js';

/** A tool call as the extension recorded it in `result.metadata`: what the model sent and got back. */
export interface RecordedCall {
  id: string;
  name?: string;
  input?: unknown;
  output?: string;
}

/** Where the messages of one reply are stamped, and by which model. */
export interface Stamp {
  timestamp?: string;
  model?: string;
}

/**
 * The calls of `result.metadata.toolCallRounds` in order, with their outputs from `toolCallResults`. Their ids
 * are the model's (`call_…__vscode-…`), not the response's (`toolCallId`, a UUID), so they are matched to the
 * response's invocations by position.
 */
export function recordedCalls(metadata: JsonRecord | undefined): RecordedCall[] {
  if (!metadata) return [];
  const results = asRecord(metadata.toolCallResults);
  const calls: RecordedCall[] = [];
  for (const round of arr(metadata.toolCallRounds)) {
    for (const raw of arr(asRecord(round)?.toolCalls)) {
      const call = asRecord(raw);
      const id = str(call?.id);
      if (!call || !id) continue;
      const recorded: RecordedCall = { id };
      const name = str(call.name);
      if (name) recorded.name = name;
      const args = str(call.arguments);
      if (args !== undefined) recorded.input = parseJsonText(args);
      const output = contentText(asRecord(results?.[id])?.content);
      if (output !== undefined) recorded.output = output;
      calls.push(recorded);
    }
  }
  return calls;
}

/** The text parts of a tool result's content (`[{value}]`), joined; undefined when there are none. */
function contentText(content: unknown): string | undefined {
  const texts = arr(content).flatMap((part) => {
    const value = textOf(part);
    return value === undefined ? [] : [value];
  });
  return texts.length ? texts.join('\n') : undefined;
}

/**
 * A `toolInvocationSerialized` part as a tool call and, once it ran, its result. The input is what the model
 * sent (from the recorded call), else `resultDetails.input`, else the terminal command, else the line VS Code
 * showed; the output likewise from the recorded result, `resultDetails`, the terminal, or the past-tense line.
 */
export function toolMessages(part: JsonRecord, recorded: RecordedCall | undefined, stamp: Stamp): Message[] {
  const callId = str(part.toolCallId) ?? recorded?.id;
  const name = str(part.toolId) ?? recorded?.name ?? 'tool';
  const details = part.resultDetails;
  const detailRecord = asRecord(details);
  const terminal = asRecord(part.toolSpecificData);
  const isTerminal = terminal?.kind === 'terminal';
  const command = isTerminal ? terminalCommand(terminal) : undefined;
  let input = recorded?.input;
  if (input === undefined && typeof detailRecord?.input === 'string')
    input = parseJsonText(detailRecord.input);
  if (input === undefined && command !== undefined) input = { command };
  if (input === undefined) input = { message: textOf(part.invocationMessage) ?? '' };
  const messages: Message[] = [
    { kind: 'tool-call', role: 'assistant', name, input, ...ids(callId), ...stamp },
  ];

  let output = recorded?.output ?? detailsOutput(details);
  if (output === undefined && isTerminal) output = str(asRecord(terminal.terminalCommandOutput)?.text);
  if (output === undefined) output = textOf(part.pastTenseMessage);
  const exitCode = isTerminal ? num(asRecord(terminal.terminalCommandState)?.exitCode) : undefined;
  const isError = detailRecord?.isError === true || (exitCode !== undefined && exitCode !== 0);
  if (output !== undefined || part.isComplete === true) {
    messages.push({
      kind: 'tool-result',
      role: 'tool',
      output: output ?? '',
      ...(isError ? { isError } : {}),
      ...ids(callId),
      name,
      ...(stamp.timestamp ? { timestamp: stamp.timestamp } : {}),
    });
  }
  return messages;
}

function ids(callId: string | undefined): { callId?: string } {
  return callId ? { callId } : {};
}

function terminalCommand(data: JsonRecord): string | undefined {
  const line = asRecord(data.commandLine);
  return str(line?.toolEdited) ?? str(line?.original) ?? str(data.command);
}

/** `resultDetails` as text: its output embeds (`{output: [{value}]}`), or the files it lists (`[uri…]`). */
function detailsOutput(details: unknown): string | undefined {
  if (Array.isArray(details)) {
    const paths = details.flatMap((item) => pathOfUri(item) ?? []);
    return paths.length ? paths.join('\n') : undefined;
  }
  const record = asRecord(details);
  if (!record) return undefined;
  const outputs = arr(record.output).flatMap((item) => {
    const value = asRecord(item)?.value;
    return typeof value === 'string' ? [value] : [];
  });
  return outputs.length ? outputs.join('\n') : undefined;
}

/**
 * A `textEditGroup` (the edits Copilot applied to one file) as an `edit` tool call whose input holds a
 * unified diff. VS Code keeps only the new text and the replaced ranges, not the old text: each hunk says
 * which lines were replaced (`@@ -12,3 +12,4 @@`) and adds the new ones.
 */
export function editMessage(part: JsonRecord, stamp: Stamp): Message | undefined {
  const path = pathOfUri(part.uri);
  const hunks: string[] = [];
  for (const batch of arr(part.edits)) {
    for (const raw of Array.isArray(batch) ? batch : [batch]) {
      const hunk = hunkOf(asRecord(raw));
      if (hunk) hunks.push(hunk);
    }
  }
  if (!path || !hunks.length) return undefined;
  const diff = [`--- ${path}`, `+++ ${path}`, ...hunks].join('\n');
  return { kind: 'tool-call', role: 'assistant', name: 'edit', input: { path, diff }, ...stamp };
}

function hunkOf(edit: JsonRecord | undefined): string | undefined {
  const text = str(edit?.text);
  const range = asRecord(edit?.range);
  const start = num(range?.startLineNumber);
  const end = num(range?.endLineNumber);
  if (text === undefined || start === undefined || end === undefined) return undefined;
  const insertion = start === end && num(range?.startColumn) === num(range?.endColumn);
  const oldCount = insertion ? 0 : end - start + 1;
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  if (!lines.length && !oldCount) return undefined;
  return [`@@ -${start},${oldCount} +${start},${lines.length} @@`, ...lines.map((line) => `+${line}`)].join(
    '\n',
  );
}
