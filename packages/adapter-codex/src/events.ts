import type { KeepPayload } from './content.js';
import { splitIdeContext, userContextLabel } from './context-labels.js';
import { eventAttachments } from './items.js';
import type { Transcript } from './transcript.js';
import { asRecord, asString, type JsonRecord, type RecordBase } from './types.js';

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
  const type = asString(payload.type);
  switch (type) {
    case 'user_message': {
      const text = asString(payload.message) ?? '';
      // 0.3x also echoed injected context as user_message events with a non-plain `kind`.
      const kind = asString(payload.kind);
      if ((kind && kind !== 'plain') || userContextLabel(text)) return;
      t.userEvent(splitIdeContext(text).prompt, eventAttachments(payload, keep), base);
      return;
    }
    case 'task_started':
      t.endTurn();
      return;
    case 'agent_message': {
      const text = asString(payload.message);
      if (text?.trim()) t.echo('assistant', text, base);
      return;
    }
    case 'agent_reasoning': {
      const text = asString(payload.text);
      if (text?.trim()) t.echo('thinking', text, base);
      return;
    }
    case 'turn_aborted': {
      const reason = asString(payload.reason);
      t.event('abort', reason ? `Turn aborted (${reason})` : 'Turn aborted', base);
      return;
    }
    case 'context_compacted':
      t.compacted(undefined, base);
      return;
    case 'error':
      t.event('error', asString(payload.message) ?? errorText(payload), base);
      return;
    case 'warning':
      t.event('warning', asString(payload.message), base);
      return;
    default:
      return;
  }
}

function errorText(payload: JsonRecord): string | undefined {
  const info = asRecord(payload.codex_error_info) ?? asRecord(payload.error);
  return info ? JSON.stringify(info) : undefined;
}
