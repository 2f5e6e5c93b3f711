import { asRecord, type JsonRecord, str } from '@convx/core';
import type { Transcript } from './parse.js';
import type { KeepPayload } from './parse-content.js';
import { splitIdeContext, userContextLabel } from './parse-context-labels.js';
import { eventAttachments } from './parse-items.js';
import type { RecordBase } from './types.js';

/**
 * `event_msg` types worth parsing (`task_started` only marks where a turn begins). Everything else
 * (token_count, exec_command_end with its full output, turn_diff…) repeats the transcript or is bookkeeping,
 * and is skipped before JSON.parse.
 */
export const KEPT_EVENTS: ReadonlySet<string> = new Set([
  'user_message',
  'task_started',
  'agent_message',
  'agent_reasoning',
  'turn_aborted',
  'context_compacted',
  'error',
  'warning',
]);

/** Applies one `event_msg` payload. */
export function applyEvent(t: Transcript, payload: JsonRecord, base: RecordBase, keep: KeepPayload): void {
  const type = str(payload.type);
  switch (type) {
    case 'user_message': {
      const text = str(payload.message) ?? '';
      // 0.3x also echoed injected context as user_message events with a non-plain `kind`.
      const kind = str(payload.kind);
      if ((kind && kind !== 'plain') || userContextLabel(text)) return;
      t.userEvent(splitIdeContext(text).prompt, eventAttachments(payload, keep), base);
      return;
    }
    case 'task_started':
      t.endTurn();
      return;
    case 'agent_message': {
      const text = str(payload.message);
      if (text?.trim()) t.echo('assistant', text, base);
      return;
    }
    case 'agent_reasoning': {
      const text = str(payload.text);
      if (text?.trim()) t.echo('thinking', text, base);
      return;
    }
    case 'turn_aborted': {
      const reason = str(payload.reason);
      t.event('abort', reason ? `Turn aborted (${reason})` : 'Turn aborted', base);
      return;
    }
    case 'context_compacted':
      t.compacted(undefined, base);
      return;
    case 'error':
      t.event('error', str(payload.message) ?? errorText(payload), base);
      return;
    case 'warning':
      t.event('warning', str(payload.message), base);
      return;
    default:
      return;
  }
}

function errorText(payload: JsonRecord): string | undefined {
  const info = asRecord(payload.codex_error_info) ?? asRecord(payload.error);
  return info ? JSON.stringify(info) : undefined;
}
