import {
  type AdapterContext,
  type Attachment,
  arr,
  asRecord,
  type DiagnosticsCollector,
  type Message,
  num,
  str,
  toIsoTime,
} from '@convx/core';
import { modelOf } from './parse.js';
import { speechOf } from './parse-speech.js';

/** What the UI messages say about the task, whichever file the messages come from. */
export interface UiFacts {
  firstTs?: number;
  lastTs?: number;
  /** The time of each API request (`say: api_req_started`), in order. */
  requestTimes: number[];
  /** Every message time, in order. */
  times: number[];
  models: string[];
  tokensIn: number;
  tokensOut: number;
  cost: number;
}

export function emptyUiFacts(): UiFacts {
  return { requestTimes: [], times: [], models: [], tokensIn: 0, tokensOut: 0, cost: 0 };
}

/** Adds what one UI message says to `facts` (the messages are read one at a time, in order). */
export function addUiFacts(facts: UiFacts, raw: unknown): void {
  const record = asRecord(raw);
  const ts = num(record?.ts);
  if (!record || ts === undefined) return;
  facts.firstTs ??= ts;
  facts.lastTs = ts;
  facts.times.push(ts);
  const model = modelOf(record.modelInfo);
  if (model && !facts.models.includes(model)) facts.models.push(model);
  if (record.say !== 'api_req_started') return;
  facts.requestTimes.push(ts);
  const request = parseJson(str(record.text));
  facts.tokensIn += num(request?.tokensIn) ?? 0;
  facts.tokensOut += num(request?.tokensOut) ?? 0;
  facts.cost += num(request?.cost) ?? 0;
}

/**
 * Estimates when each history entry without its own `ts` was written, called with every entry's role in
 * order: the n-th user entry is the n-th API request; an assistant entry is the last UI message before the
 * next request.
 */
export function timeEstimator(facts: UiFacts): (role: string | undefined) => number | undefined {
  let users = 0;
  return (role) => {
    if (role === 'user') return facts.requestTimes[users++];
    if (role !== 'assistant') return undefined;
    const next = facts.requestTimes[users];
    if (next === undefined) return facts.lastTs;
    let last: number | undefined;
    for (const t of facts.times) if (t < next) last = t;
    return last;
  };
}

interface UiOptions {
  diagnostics: DiagnosticsCollector;
  keep: AdapterContext['attachment'];
  path: string;
}

/**
 * A task known only from its UI messages (the history file is gone or never written): the typed prompt,
 * the assistant's words and reasoning, its tool calls (results only for commands and MCP tools, which the UI
 * shows), the person's feedback and errors.
 */
export function parseUiMessages(records: unknown[], options: UiOptions): Message[] {
  const out: Message[] = [];
  let sawPrompt = false;
  let calls = 0;
  let lastCall: string | undefined;
  const call = (name: string, input: unknown, stamp: object) => {
    lastCall = `ui-${++calls}`;
    out.push({ kind: 'tool-call', role: 'assistant', name, input, callId: lastCall, ...stamp });
  };
  const result = (output: string, stamp: object) => {
    out.push({
      kind: 'tool-result',
      role: 'tool',
      output,
      ...(lastCall ? { callId: lastCall } : {}),
      ...stamp,
    });
  };
  records.forEach((raw, index) => {
    const record = asRecord(raw);
    if (!record) return;
    // A streaming leftover superseded by the complete message of the same time.
    if (record.partial === true && asRecord(records[index + 1])?.ts === record.ts) return;
    const timestamp = toIsoTime(record.ts);
    const stamp = timestamp ? { timestamp } : {};
    const model = modelOf(record.modelInfo);
    const said = { ...stamp, ...(model ? { model } : {}) };
    const text = str(record.text) ?? '';
    const kind = record.type === 'ask' ? `ask:${str(record.ask)}` : `say:${str(record.say)}`;
    switch (kind) {
      case 'say:task':
      case 'say:text':
      case 'say:user_feedback': {
        const byUser = kind !== 'say:text' || !sawPrompt;
        sawPrompt = true;
        if (!byUser) {
          if (text.trim()) out.push({ kind: 'text', role: 'assistant', text: text.trim(), ...said });
          break;
        }
        const attachments = imagesOf(record.images, options.keep);
        const files = arr(record.files).flatMap((f) => (typeof f === 'string' ? [f] : []));
        for (const path of files) attachments.push({ type: 'file', path });
        out.push({
          kind: 'text',
          role: 'user',
          text: text.trim(),
          ...(attachments.length ? { attachments } : {}),
          ...stamp,
        });
        break;
      }
      case 'say:reasoning':
        if (text.trim()) out.push({ kind: 'thinking', role: 'assistant', text: text.trim(), ...said });
        break;
      case 'say:completion_result':
      case 'ask:completion_result':
        if (text.trim()) out.push({ kind: 'text', role: 'assistant', text: text.trim(), ...said });
        break;
      case 'ask:followup':
      case 'ask:plan_mode_respond': {
        const words = speechOf(
          kind === 'ask:followup' ? 'ask_followup_question' : 'plan_mode_respond',
          parseJson(text) ?? { question: text, response: text },
        );
        if (words) out.push({ kind: 'text', role: 'assistant', text: words, ...said });
        break;
      }
      case 'say:tool':
      case 'ask:tool': {
        const input = parseJson(text) ?? { text };
        // A read's `content` is the file's absolute path, not its text.
        if (input.tool === 'readFile' && str(input.content)?.endsWith(str(input.path) ?? '\u0000'))
          delete input.content;
        call(str(input.tool) ?? 'tool', input, said);
        break;
      }
      case 'say:command':
      case 'ask:command':
        call('execute_command', { command: text }, said);
        break;
      case 'ask:use_mcp_server': {
        const input = parseJson(text) ?? { text };
        call(str(input.toolName) ?? str(input.uri) ?? 'use_mcp_server', input, said);
        break;
      }
      case 'say:browser_action':
        call('browser_action', parseJson(text) ?? { text }, said);
        break;
      case 'say:command_output':
      case 'ask:command_output':
      case 'say:mcp_server_response':
      case 'say:browser_action_result':
        result(text, stamp);
        break;
      case 'say:error':
      case 'say:api_req_failed':
      case 'ask:api_req_failed':
      case 'ask:mistake_limit_reached':
        out.push({ kind: 'event', role: 'system', event: 'error', ...(text ? { text } : {}), ...stamp });
        break;
      case 'say:subtask_result':
        if (text.trim()) out.push({ kind: 'context', role: 'user', label: 'subtask result', text, ...stamp });
        break;
      default:
        break; // requests, checkpoints, resumptions, progress: bookkeeping of the extension
    }
  });
  return out;
}

/** `data:image/png;base64,…` URLs, saved through the context. */
export function imagesOf(images: unknown, keep: AdapterContext['attachment']): Attachment[] {
  const out: Attachment[] = [];
  for (const image of arr(images)) {
    const match = typeof image === 'string' ? /^data:([^;,]+);base64,(.*)$/s.exec(image) : null;
    if (match) out.push(keep(Buffer.from(match[2] as string, 'base64'), { type: match[1] as string }));
  }
  return out;
}

function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    return asRecord(JSON.parse(text));
  } catch {
    return undefined;
  }
}
