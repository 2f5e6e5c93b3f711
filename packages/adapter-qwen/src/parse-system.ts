import { arr, asRecord, type JsonRecord, type Message, num, str } from '@convx/core';
import { commonOf } from './parse.js';

/** Session facts system records carry. */
export interface SystemFacts {
  /** A title set with `/rename` (manual) wins over a generated one; of the same kind, the last wins. */
  title?: { text: string; manual: boolean };
  /** The session that spawned this one (`create_sub_session`). */
  parentSessionId?: string;
}

/**
 * The messages of a `system` record: API errors (`ui_telemetry` `api_error`) and notifications as events,
 * compressions as compaction events, slash commands as info events, `@file` reads as context. Title and
 * parent links go to `facts`. The other 30-odd subtypes (telemetry of successful calls, snapshots,
 * attribution, model and mode bindings…) are bookkeeping and yield nothing.
 */
export function convertSystemRecord(record: JsonRecord, facts: SystemFacts): Message[] {
  const payload = asRecord(record.systemPayload);
  const common = commonOf(record);
  const event = (kind: 'error' | 'info' | 'compaction', text: string | undefined): Message[] => [
    { ...common, kind: 'event', role: 'system', event: kind, ...(text ? { text } : {}) },
  ];
  switch (record.subtype) {
    case 'custom_title': {
      const text = str(payload?.customTitle)?.trim();
      const manual = payload?.titleSource !== 'auto';
      if (text && (manual || !facts.title?.manual)) facts.title = { text, manual };
      return [];
    }
    case 'parent_session': {
      const parent = str(payload?.parentSessionId);
      if (parent) facts.parentSessionId = parent;
      return [];
    }
    case 'ui_telemetry':
      return apiError(asRecord(payload?.uiEvent), common);
    case 'chat_compression': {
      const info = asRecord(payload?.info);
      const before = num(info?.originalTokenCount);
      const after = num(info?.newTokenCount);
      return event(
        'compaction',
        before !== undefined && after !== undefined ? `${before} → ${after} tokens` : undefined,
      );
    }
    case 'slash_command':
      return payload?.phase === 'invocation' ? event('info', str(payload.rawCommand)) : [];
    case 'at_command': {
      const files = arr(payload?.filesRead).filter((f): f is string => typeof f === 'string');
      const lines = [str(payload?.userText), ...files.map((f) => `- ${f}`), str(payload?.message)].filter(
        Boolean,
      );
      return lines.length
        ? [{ ...common, kind: 'context', role: 'user', label: 'referenced files', text: lines.join('\n') }]
        : [];
    }
    case 'notification':
      return event('info', str(payload?.displayText));
    case 'rewind': {
      const count = num(payload?.truncatedCount);
      return event('info', count === undefined ? 'rewound' : `rewound ${count} items`);
    }
    default:
      return [];
  }
}

/** `qwen-code.api_error` (or Gemini's `api_error`) telemetry as an error event: model, status, message. */
function apiError(ui: JsonRecord | undefined, common: ReturnType<typeof commonOf>): Message[] {
  if (!ui) return [];
  const name = str(ui['event.name']) ?? str(asRecord(ui.event)?.name);
  if (!name?.endsWith('api_error')) return [];
  const status = ui.status_code;
  const details = [
    str(ui.model),
    typeof status === 'number' || typeof status === 'string' ? `status ${status}` : undefined,
    str(ui.error_type),
  ].filter(Boolean);
  const message = str(ui.error) ?? 'API error';
  const text = details.length ? `${message} (${details.join(', ')})` : message;
  return [{ ...common, kind: 'event', role: 'system', event: 'error', text }];
}
