import { basename } from 'node:path';
import {
  type AdapterContext,
  type Attachment,
  asRecord,
  type DiagnosticsCollector,
  type JsonRecord,
  type Message,
  str,
  toIsoTime,
} from '@convx/core';
import { withSavedOutput } from './saved-outputs.js';
import type { OcMessage, OcPart, OcSessionData } from './types.js';

type Role = 'user' | 'assistant';
type Base = { id: string; timestamp?: string; model?: string };

/** Saves an inline payload and returns its reference: the adapter context's `attachment`. */
type KeepPayload = AdapterContext['attachment'];

/** What converting a session's records needs besides them. */
export interface ConvertEnv {
  diagnostics: DiagnosticsCollector;
  keep: KeepPayload;
  /** The whole outputs of truncated tool results, by saved file name (see saved-outputs.ts). */
  savedOutputs: ReadonlyMap<string, string>;
  sourcePath: string;
}

/** Turns one session's messages and parts into normalized messages, in order. */
export function convertMessages(data: OcSessionData, env: ConvertEnv): Message[] {
  const { diagnostics, sourcePath } = env;
  const partsByMessage = new Map<string, OcPart[]>();
  for (const part of data.parts) {
    const list = partsByMessage.get(part.messageId);
    if (list) list.push(part);
    else partsByMessage.set(part.messageId, [part]);
  }
  const out: Message[] = [];
  for (const message of data.messages) {
    if (message.data.$malformed) {
      diagnostics.add('malformed-record', `message ${message.id}: data is not valid JSON; skipped`, {
        path: sourcePath,
      });
      continue;
    }
    const parts = partsByMessage.get(message.id) ?? [];
    out.push(...convertMessage(message, parts, env));
  }
  return out;
}

function convertMessage(message: OcMessage, parts: OcPart[], env: ConvertEnv): Message[] {
  const { diagnostics, sourcePath, keep } = env;
  const d = message.data;
  const role: Role = d.role === 'user' ? 'user' : 'assistant';
  const time = recordOf(d.time);
  const timestamp = toIsoTime(time.created ?? message.timeCreated);
  const model = role === 'assistant' ? nonEmpty(d.modelID) : undefined;
  const out: Message[] = [];
  const attachments: Attachment[] = [];

  for (const part of parts) {
    const p = part.data;
    const base: Base = { id: part.id, ...iso(recordOf(p.time).start ?? time.created ?? message.timeCreated) };
    if (p.$malformed) {
      diagnostics.add('malformed-record', `part ${part.id}: data is not valid JSON; skipped`, {
        path: sourcePath,
      });
      continue;
    }
    const type = nonEmpty(p.type);
    switch (type) {
      case 'text': {
        const text = nonEmpty(p.text)?.trim();
        if (!text || p.ignored === true) break;
        if (p.synthetic === true) out.push({ ...base, kind: 'context', role, label: 'synthetic', text });
        else out.push({ ...base, ...(model ? { model } : {}), kind: 'text', role, text });
        break;
      }
      case 'reasoning': {
        const text = nonEmpty(p.text)?.trim();
        if (text)
          out.push({ ...base, ...(model ? { model } : {}), kind: 'thinking', role: 'assistant', text });
        break;
      }
      case 'tool':
        out.push(...convertTool(p, base, model, env));
        break;
      case 'file':
        attachments.push(fileAttachment(p, keep));
        break;
      case 'patch': {
        const files = Array.isArray(p.files) ? p.files.filter((f): f is string => typeof f === 'string') : [];
        out.push({
          ...base,
          kind: 'tool-result',
          role: 'tool',
          name: 'patch',
          output: files.length
            ? `Changed files:\n${files.map((f) => `- ${f}`).join('\n')}`
            : 'No files changed',
          ...(files.length
            ? { attachments: files.map((f) => ({ type: 'patch', name: basename(f), path: f })) }
            : {}),
        });
        break;
      }
      case 'compaction':
        out.push({ ...base, kind: 'event', role: 'system', event: 'compaction' });
        break;
      default:
        // step-start, step-finish, snapshot, agent, subtask, retry and future kinds carry no transcript text.
        break;
    }
  }

  if (attachments.length)
    attach(out, role, attachments, { id: message.id, ...iso(time.created ?? message.timeCreated) });
  const error = recordOf(d.error);
  const errorName = nonEmpty(error.name);
  if (errorName) {
    const text = nonEmpty(recordOf(error.data).message) ?? errorName;
    const event = errorName === 'MessageAbortedError' ? 'abort' : 'error';
    out.push({
      id: message.id,
      ...(timestamp ? { timestamp } : {}),
      kind: 'event',
      role: 'system',
      event,
      text,
    });
  }
  return out;
}

function convertTool(
  p: Record<string, unknown>,
  base: Base,
  model: string | undefined,
  env: ConvertEnv,
): Message[] {
  const name = nonEmpty(p.tool) ?? 'tool';
  const callId = nonEmpty(p.callID) ?? base.id;
  const state = recordOf(p.state);
  const out: Message[] = [
    {
      ...base,
      ...(model ? { model } : {}),
      kind: 'tool-call',
      role: 'assistant',
      name,
      input: state.input ?? {},
      callId,
    },
  ];
  const status = nonEmpty(state.status);
  const end = iso(recordOf(state.time).end);
  const files = Array.isArray(state.attachments)
    ? state.attachments.map((a) => fileAttachment(recordOf(a), env.keep))
    : [];
  if (status === 'completed') {
    // A truncated output gives way to the whole one OpenCode saved, while it still has it.
    const saved = withSavedOutput(textOf(state.output), env.savedOutputs);
    const attachments = [...files, ...saved.attachments];
    out.push({
      ...base,
      ...end,
      kind: 'tool-result',
      role: 'tool',
      name,
      callId,
      output: saved.output,
      ...(attachments.length ? { attachments } : {}),
    });
  } else if (status === 'error') {
    const output = textOf(state.error ?? state.output) || 'Tool failed';
    out.push({
      ...base,
      ...end,
      kind: 'tool-result',
      role: 'tool',
      name,
      callId,
      output,
      isError: true,
      ...(files.length ? { attachments: files } : {}),
    });
  }
  return out;
}

/**
 * A file part as a reference: a data URL's bytes go through `keep` (saved beside the transcript, never kept
 * in the session); a file URL or source path is kept as where it lives, never read.
 */
function fileAttachment(p: Record<string, unknown>, keep: KeepPayload): Attachment {
  const type = nonEmpty(p.mime) ?? 'file';
  const name = nonEmpty(p.filename);
  const url = nonEmpty(p.url) ?? '';
  const dataUrl = /^data:[^,]*;base64,(.*)$/s.exec(url);
  if (dataUrl?.[1] !== undefined)
    return keep(Buffer.from(dataUrl[1], 'base64'), name ? { type, name } : { type });
  const attachment: Attachment = { type, ...(name ? { name } : {}) };
  if (url.startsWith('file://')) {
    attachment.path = decodeURIComponent(url.slice('file://'.length));
  } else {
    const sourcePath = nonEmpty(recordOf(p.source).path);
    if (sourcePath) attachment.path = sourcePath;
  }
  return attachment;
}

/** Files ride on the message's first text of that role, or on an otherwise empty text message. */
function attach(
  out: Message[],
  role: Role,
  attachments: Attachment[],
  base: { id: string; timestamp?: string },
) {
  const target = out.find((m) => m.kind === 'text' && m.role === role);
  if (target?.kind === 'text') target.attachments = [...(target.attachments ?? []), ...attachments];
  else out.unshift({ ...base, kind: 'text', role, text: '', attachments });
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return JSON.stringify(value, null, 2);
}

/** The value when it is a string with some text, else undefined: OpenCode leaves unset fields empty. */
export function nonEmpty(value: unknown): string | undefined {
  return str(value) || undefined;
}

/** The value as a JSON object, or an empty one. */
export function recordOf(value: unknown): JsonRecord {
  return asRecord(value) ?? {};
}

function iso(value: unknown): { timestamp?: string } {
  const t = toIsoTime(value);
  return t ? { timestamp: t } : {};
}

/** The subagent name of a child session: `… (@general subagent)` in its title, else its messages' agent. */
export function agentTypeOf(data: OcSessionData): string | undefined {
  const fromTitle = /\(@([\w-]+) subagent\)/.exec(data.info.title ?? '')?.[1];
  if (fromTitle) return fromTitle;
  for (const m of data.messages) {
    const agent = nonEmpty(m.data.agent) ?? nonEmpty(m.data.mode);
    if (agent) return agent;
  }
  return undefined;
}
