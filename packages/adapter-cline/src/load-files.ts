import { basename } from 'node:path';
import type { AdapterContext, DiagnosticsCollector, JsonRecord, MessageSink } from '@convx/core';
import { asRecord, str } from '@convx/core';
import { type HistoryParser, historyParser } from './parse.js';
import { addUiFacts, emptyUiFacts, timeEstimator, type UiFacts } from './parse-ui.js';

// The task files are JSON documents that grow with the task (file contents pasted into tool results reach
// hundreds of MB): each is streamed element by element with `ctx.eachJsonItem`, never read whole.

/**
 * What `ui_messages.json` says about the task; with `keep`, its messages too (for a task whose history is
 * gone). Undefined, with a diagnostic, when the file cannot be read or is not an array.
 */
export async function readUi(
  ctx: AdapterContext,
  path: string,
  diagnostics: DiagnosticsCollector,
  keep: boolean,
): Promise<{ facts: UiFacts; records?: unknown[] } | undefined> {
  const facts = emptyUiFacts();
  const records: unknown[] = [];
  const read = await readArray(ctx, path, diagnostics, (record) => {
    addUiFacts(facts, record);
    if (keep) records.push(record);
  });
  if (!read) return undefined;
  return keep ? { facts, records } : { facts };
}

/** The UI messages alone, read again for a task whose history turned out unreadable (diagnosed already). */
export async function readUiRecords(ctx: AdapterContext, path: string): Promise<unknown[] | undefined> {
  const records: unknown[] = [];
  return (await readArray(ctx, path, ctx.diagnostics(), (record) => void records.push(record)))
    ? records
    : undefined;
}

/**
 * `api_conversation_history.json` parsed as it streams, each entry without a `ts` dated from the UI facts.
 * With `emit`, each entry's messages go there as soon as it is parsed instead of staying in the parser.
 * Undefined, with a diagnostic, when the file cannot be read or is not an array.
 */
export async function readTaskHistory(
  ctx: AdapterContext,
  path: string,
  facts: UiFacts,
  diagnostics: DiagnosticsCollector,
  emit?: MessageSink,
): Promise<HistoryParser | undefined> {
  const parser = historyParser({ diagnostics, keep: ctx.attachment, path });
  const timeOf = timeEstimator(facts);
  const read = await readArray(ctx, path, diagnostics, (entry) => {
    parser.add(entry, timeOf(str(asRecord(entry)?.role)));
    if (emit) handOver(parser, emit);
  });
  return read ? parser : undefined;
}

/** A Cline SDK `<id>.messages.json`: its `messages` parsed as they stream, and its other fields. */
export async function readSdkMessages(
  ctx: AdapterContext,
  path: string,
  diagnostics: DiagnosticsCollector,
  emit?: MessageSink,
): Promise<{ parser: HistoryParser; fields: JsonRecord }> {
  const parser = historyParser({ diagnostics, keep: ctx.attachment, path });
  const fields: JsonRecord = {};
  const onEntry = (entry: unknown) => {
    parser.add(entry);
    if (emit) handOver(parser, emit);
  };
  const { found } = await ctx.eachJsonItem(path, onEntry, {
    at: ['messages'],
    fields: ['agent', 'updated_at'],
    onField: (key, value) => {
      fields[key] = value;
    },
    diagnostics,
  });
  if (!found && Object.keys(fields).length === 0) throw new Error(`${path} is not a Cline session file`);
  return { parser, fields };
}

/** Hands the parser's settled messages to `emit`, in order, keeping none. */
function handOver(parser: HistoryParser, emit: MessageSink): void {
  for (const message of parser.messages.splice(0)) emit(message);
}

/**
 * Streams a JSON array file into `onItem`. False, with a diagnostic, when it cannot be read or is not an
 * array — unless some elements were read before the failure: those stand (the cut is diagnosed).
 */
async function readArray(
  ctx: AdapterContext,
  path: string,
  diagnostics: DiagnosticsCollector,
  onItem: (value: unknown) => void,
): Promise<boolean> {
  let items = 0;
  try {
    const { found } = await ctx.eachJsonItem(
      path,
      (value) => {
        items++;
        onItem(value);
      },
      { diagnostics },
    );
    if (found) return true;
    diagnostics.add('unreadable-file', `${basename(path)} is not a JSON array`, { path });
  } catch (error) {
    diagnostics.add('unreadable-file', `${basename(path)} could not be read (${(error as Error).message})`, {
      path,
    });
  }
  return items > 0;
}
