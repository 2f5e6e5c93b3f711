import {
  type AdapterContext,
  asRecord,
  type JsonRecord,
  type MessageSink,
  type Session,
  type SessionRef,
  str,
  toIsoTime,
} from '@convx/core';
import { Transcript } from './parse.js';
import { Emitted } from './parse-emitted.js';
import { applyEvent, KEPT_EVENTS } from './parse-events.js';
import { instructionsPreamble } from './parse-instructions.js';
import { applyResponseItem } from './parse-items.js';
import { applyHeader, applyTurnContext, buildSession, newFacts } from './parse-session-facts.js';
import type { CodexFormat, RecordBase } from './types.js';

// serde writes `{"timestamp":…,"type":…,"payload":{"type":…` in this order; a line that does not match is
// simply parsed, so the filter can only skip work, never lose a record.
const EVENT_HEAD = /^\{"timestamp":"[^"]*","type":"event_msg","payload":\{"type":"([A-Za-z_]+)"/;

/** Skips, without JSON.parse, the lines no transcript needs: bookkeeping events and `record_type` lines. */
export function keepLine(text: string): boolean {
  if (text.startsWith('{"record_type"')) return false;
  const event = EVENT_HEAD.exec(text);
  return !event?.[1] || KEPT_EVENTS.has(event[1]);
}

/**
 * Streams a `.jsonl` rollout of any generation line by line: bare header + unwrapped items (2025), or the
 * `{timestamp, type, payload}` envelope (0.34+). Each turn's messages are emitted when the next turn starts
 * (`turn_context`, `task_started`; in bare files, a `user` message), so only one turn is held. Unknown kinds
 * are ignored; bad lines are counted.
 */
export async function streamJsonl(ctx: AdapterContext, ref: SessionRef, emit: MessageSink): Promise<Session> {
  const diagnostics = ctx.diagnostics();
  const facts = newFacts();
  const emitted = new Emitted(emit);
  const t = new Transcript(emitted.emit, (firstTurn) => instructionsPreamble(facts, firstTurn));
  let format: CodexFormat = 'jsonl';
  await ctx.eachJsonl(
    ref.path,
    (value) => {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      const record = asRecord(value);
      if (!record || 'record_type' in record) return;
      const payload = asRecord(record.payload);
      if (typeof record.type === 'string' && payload) {
        format = 'envelope';
        applyEnvelope(ctx, facts, t, record.type, payload, { timestamp: toIsoTime(record.timestamp) });
      } else if (typeof record.type === 'string') {
        // Bare files have no events to pair, so any `user` message may start a turn.
        if (record.type === 'message' && record.role === 'user') t.endTurn();
        applyResponseItem(t, record, {}, ctx.attachment);
      } else if (typeof record.id === 'string') {
        applyHeader(facts, record);
      }
    },
    diagnostics,
    { filter: keepLine, filterHeadBytes: 256 },
  );
  t.endTurn(true);
  return buildSession({
    sessionId: ref.sessionId,
    path: ref.path,
    format,
    facts,
    emitted,
    models: t.models,
    diagnostics: diagnostics.list(),
  });
}

function applyEnvelope(
  ctx: AdapterContext,
  facts: ReturnType<typeof newFacts>,
  t: Transcript,
  type: string,
  payload: JsonRecord,
  base: RecordBase,
): void {
  switch (type) {
    case 'session_meta':
      applyHeader(facts, payload);
      return;
    case 'response_item':
      applyResponseItem(t, payload, base, ctx.attachment);
      return;
    case 'event_msg':
      applyEvent(t, payload, base, ctx.attachment);
      return;
    case 'turn_context': {
      t.endTurn();
      applyTurnContext(facts, payload);
      const model = str(payload.model);
      if (model) t.useModel(model);
      return;
    }
    case 'compacted':
      t.compacted(str(payload.message), base);
      return;
    default:
      return;
  }
}
