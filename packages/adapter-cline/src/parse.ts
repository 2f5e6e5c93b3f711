// Records → messages: the API conversation history (`api_conversation_history.json`), Cline's own record of what the
// model saw and said; `parse-ui.ts` reads the UI messages beside it.
import {
  type AdapterContext,
  type Attachment,
  arr,
  asRecord,
  type DiagnosticsCollector,
  type JsonRecord,
  type Message,
  str,
  toIsoTime,
} from '@convx/core';
import { speechOf } from './parse-speech.js';
import {
  environmentFacts,
  injectedLabel,
  isInjected,
  resultHeader,
  splitUserText,
} from './parse-user-text.js';
import { splitAssistantText } from './parse-xml-tools.js';

export interface HistoryOptions {
  diagnostics: DiagnosticsCollector;
  keep: AdapterContext['attachment'];
  /** The file, for diagnostics. */
  path: string;
}

/** What the history says about the session besides its messages. */
export interface HistoryFacts {
  cwd?: string;
  mode?: string;
  models: string[];
}

interface PendingCall {
  callId: string;
  name: string;
  /** attempt_completion, ask_followup_question…: shown as the assistant's words, its result not as output. */
  speech: boolean;
}

interface OpenResult {
  name?: string;
  callId?: string;
  speech: boolean;
  output: string[];
  attachments: Attachment[];
  /** What the person typed inside the result (feedback, an answer): shown after it. */
  after: Message[];
  isError?: boolean;
}

/** Reads a history one entry at a time, as it streams from the file. */
export interface HistoryParser {
  /** Parses the next entry; `time` (epoch ms) dates it when it has no `ts` of its own. */
  add(entry: unknown, time?: number): void;
  /**
   * The messages of the entries added so far, each settled once its entry is added: a reader that streams
   * takes them out (`splice(0)`) after every entry.
   */
  readonly messages: Message[];
  readonly facts: HistoryFacts;
}

/** `historyParser` over a whole history: what tests and small files use. */
export function parseHistory(
  entries: unknown[],
  options: HistoryOptions,
): { messages: Message[]; facts: HistoryFacts } {
  const parser = historyParser(options);
  for (const entry of entries) parser.add(entry);
  return { messages: parser.messages, facts: parser.facts };
}

/**
 * Turns an API conversation history (Anthropic MessageParam[] with the family's additions; also the SDK's
 * messages) into messages. Tool calls come as XML in the assistant's text or as `tool_use` blocks; their
 * results come as `tool_result` blocks or as user text headed `[name for 'x'] Result:`, which are paired with
 * the calls still waiting, in order (a same-named call first).
 */
export function historyParser(options: HistoryOptions): HistoryParser {
  const out: Message[] = [];
  const facts: HistoryFacts = { models: [] };
  let pending: PendingCall[] = [];
  let callCount = 0;

  const addModel = (model: string | undefined) => {
    if (model && !facts.models.includes(model)) facts.models.push(model);
  };

  function add(raw: unknown, time?: number): void {
    const entry = asRecord(raw);
    const role = str(entry?.role);
    if (!entry) {
      options.diagnostics.add('unknown-record', 'a history entry is not an object', { path: options.path });
      return;
    }
    const timestamp = toIsoTime(entry.ts ?? time);
    const stamp = timestamp ? { timestamp } : {};
    // Roo keeps reasoning items of the OpenAI Responses API as entries of their own.
    if (entry.type === 'reasoning') {
      const text = arr(entry.summary)
        .map((s) => str(asRecord(s)?.text) ?? '')
        .join('\n')
        .trim();
      out.push({ kind: 'thinking', role: 'assistant', text, ...(text ? {} : { redacted: true }), ...stamp });
      return;
    }
    const blocks =
      typeof entry.content === 'string' ? [{ type: 'text', text: entry.content }] : arr(entry.content);
    if (entry.isSummary === true || entry.isTruncationMarker === true) {
      const text = blocks
        .map((b) => str(asRecord(b)?.text) ?? '')
        .join('\n')
        .trim();
      out.push({ kind: 'context', role: 'user', label: 'condensed history', text, ...stamp });
      return;
    }
    if (role === 'assistant') {
      const model = modelOf(entry.modelInfo);
      addModel(model);
      pending = [];
      const base = { ...stamp, ...(model ? { model } : {}) };
      const reasoning = str(entry.reasoning_content)?.trim();
      if (reasoning) out.push({ kind: 'thinking', role: 'assistant', text: reasoning, ...base });
      for (const rawBlock of blocks) {
        const block = asRecord(rawBlock);
        if (!block) continue;
        if (block.type === 'text') {
          for (const piece of splitAssistantText(str(block.text) ?? '')) {
            if (piece.type === 'text')
              out.push({ kind: 'text', role: 'assistant', text: piece.text, ...base });
            else if (piece.type === 'thinking')
              out.push({ kind: 'thinking', role: 'assistant', text: piece.text, ...base });
            else call(piece.name, piece.input, `tool-${++callCount}`, base);
          }
        } else if (block.type === 'thinking' || block.type === 'redacted_thinking') {
          const text = (str(block.thinking) ?? '').trim();
          out.push({
            kind: 'thinking',
            role: 'assistant',
            text,
            ...(text ? {} : { redacted: true }),
            ...base,
          });
        } else if (block.type === 'tool_use') {
          call(str(block.name) ?? 'tool', block.input ?? {}, str(block.id) ?? `tool-${++callCount}`, base);
        } else unknownBlock(block);
      }
      return;
    }
    if (role !== 'user') {
      options.diagnostics.add('unknown-record', `a history entry has the role ${String(role)}`, {
        path: options.path,
      });
      return;
    }
    userEntry(blocks, stamp);
  }

  function call(name: string, input: unknown, callId: string, base: { timestamp?: string; model?: string }) {
    const speech = speechOf(name, input);
    pending.push({ callId, name, speech: speech !== undefined });
    if (speech !== undefined) {
      if (speech) out.push({ kind: 'text', role: 'assistant', text: speech, ...base });
      return;
    }
    out.push({ kind: 'tool-call', role: 'assistant', name, input, callId, ...base });
  }

  function takeCall(name: string, callId?: string): PendingCall | undefined {
    let at = callId ? pending.findIndex((p) => p.callId === callId) : -1;
    if (at < 0 && !callId) at = pending.findIndex((p) => p.name === name);
    if (at < 0 && !callId) at = 0;
    const [found] = at >= 0 && at < pending.length ? pending.splice(at, 1) : [];
    return found;
  }

  function userEntry(blocks: unknown[], stamp: { timestamp?: string }) {
    let open: OpenResult | undefined;
    let typed: Extract<Message, { kind: 'text' }> | undefined;
    let looseImages: Attachment[] = [];
    const flush = () => {
      if (!open) return;
      const output = open.output.join('\n').trim();
      if (!open.speech || output || open.attachments.length) {
        out.push({
          kind: 'tool-result',
          role: 'tool',
          output,
          ...(open.name ? { name: open.name } : {}),
          ...(open.callId ? { callId: open.callId } : {}),
          ...(open.attachments.length ? { attachments: open.attachments } : {}),
          ...(open.isError || /^(The user denied this operation|Error)/.test(output)
            ? { isError: true }
            : {}),
          ...stamp,
        });
      }
      out.push(...open.after);
      open = undefined;
    };
    const text = (pieceText: string, inResult: boolean) => {
      for (const piece of splitUserText(pieceText)) {
        if (piece.type === 'typed') {
          typed = { kind: 'text', role: 'user', text: piece.text, ...stamp };
          if (looseImages.length) typed.attachments = looseImages;
          looseImages = [];
          if (inResult && open) open.after.push(typed);
          else out.push(typed);
        } else if (piece.type === 'environment') {
          flush();
          const env = environmentFacts(piece.text);
          facts.cwd ??= env.cwd;
          facts.mode ??= env.mode;
          if (env.model && !facts.models.includes(env.model)) facts.models.push(env.model);
          out.push({
            kind: 'context',
            role: 'user',
            label: 'environment details',
            text: piece.text,
            ...stamp,
          });
        } else if (inResult && open) {
          // A speech tool's result text is the extension's boilerplate around the person's words.
          if (!open.speech) open.output.push(piece.text);
        } else if (isInjected(piece.text)) {
          out.push({
            kind: 'context',
            role: 'user',
            label: injectedLabel(piece.text),
            text: piece.text,
            ...stamp,
          });
        } else {
          typed = { kind: 'text', role: 'user', text: piece.text, ...stamp };
          out.push(typed);
        }
      }
    };
    for (const rawBlock of blocks) {
      const block = asRecord(rawBlock);
      if (!block) continue;
      if (block.type === 'text') {
        const value = str(block.text) ?? '';
        const header = resultHeader(value);
        if (header) {
          flush();
          const found = takeCall(header.name);
          open = {
            name: found?.name ?? header.name,
            speech: found?.speech ?? false,
            output: [],
            attachments: [],
            after: [],
          };
          if (found) open.callId = found.callId;
          if (header.rest) text(header.rest, true);
        } else text(value, open !== undefined);
      } else if (block.type === 'tool_result') {
        flush();
        const found = takeCall('', str(block.tool_use_id));
        const callId = str(block.tool_use_id);
        open = { speech: found?.speech ?? false, output: [], attachments: [], after: [] };
        if (found) open.name = found.name;
        if (callId) open.callId = callId;
        const content =
          typeof block.content === 'string' ? [{ type: 'text', text: block.content }] : arr(block.content);
        for (const inner of content) {
          const innerBlock = asRecord(inner);
          if (innerBlock?.type === 'text') text(str(innerBlock.text) ?? '', true);
          else if (innerBlock?.type === 'image') image(innerBlock, open);
        }
        if (block.is_error === true) open.isError = true;
        flush();
      } else if (block.type === 'image') {
        if (open) image(block, open);
        else {
          const attachment = imageAttachment(block);
          if (!attachment) continue;
          if (typed) typed.attachments = [...(typed.attachments ?? []), attachment];
          else looseImages.push(attachment);
        }
      } else unknownBlock(block);
    }
    flush();
    if (looseImages.length)
      out.push({ kind: 'text', role: 'user', text: '', attachments: looseImages, ...stamp });
  }

  function image(block: JsonRecord, into: OpenResult) {
    const attachment = imageAttachment(block);
    if (attachment) into.attachments.push(attachment);
  }

  function imageAttachment(block: JsonRecord): Attachment | undefined {
    const source = asRecord(block.source);
    const data = str(source?.data);
    if (!data) return undefined;
    return options.keep(Buffer.from(data, 'base64'), { type: str(source?.media_type) ?? 'image' });
  }

  function unknownBlock(block: JsonRecord) {
    options.diagnostics.add('unknown-block', `a content block of type ${String(block.type)} was skipped`, {
      path: options.path,
    });
  }

  return { add, messages: out, facts };
}

/** The model of an entry: Cline's `modelInfo.modelId`, the SDK's `modelInfo.id`. */
export function modelOf(info: unknown): string | undefined {
  const record = asRecord(info);
  return str(record?.modelId) ?? str(record?.id);
}
