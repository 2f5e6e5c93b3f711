import { type AdapterContext, type Session, type SessionRef, toIsoTime } from '@convx/core';
import { applyEvent, KEPT_EVENTS } from './events.js';
import { addInstructions } from './instructions.js';
import { applyResponseItem } from './items.js';
import { applyHeader, applyTurnContext, buildSession, newFacts } from './session-facts.js';
import { Transcript } from './transcript.js';
import { asRecord, asString, type CodexFormat, type JsonRecord, type RecordBase } from './types.js';

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
 * Reads a `.jsonl` rollout of any generation line by line: bare header + unwrapped items (2025), or the
 * `{timestamp, type, payload}` envelope (0.34+). Unknown kinds are ignored; bad lines are counted.
 */
export async function loadJsonl(ctx: AdapterContext, ref: SessionRef): Promise<Session> {
  const diagnostics = ctx.diagnostics();
  const facts = newFacts();
  const t = new Transcript();
  let format: CodexFormat = 'jsonl';
  for await (const { value } of ctx.readJsonl(ref.path, diagnostics, {
    filter: keepLine,
    filterHeadBytes: 256,
  })) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    const record = asRecord(value);
    if (!record || 'record_type' in record) continue;
    const payload = asRecord(record.payload);
    if (typeof record.type === 'string' && payload) {
      format = 'envelope';
      applyEnvelope(ctx, facts, t, record.type, payload, { timestamp: toIsoTime(record.timestamp) });
    } else if (typeof record.type === 'string') {
      applyResponseItem(t, record, {}, ctx.hash);
    } else if (typeof record.id === 'string') {
      applyHeader(facts, record);
    }
  }
  addInstructions(t, facts);
  return buildSession({
    sessionId: ref.sessionId,
    path: ref.path,
    format,
    facts,
    messages: t.finish(),
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
      applyResponseItem(t, payload, base, ctx.hash);
      return;
    case 'event_msg':
      applyEvent(t, payload, base, ctx.hash);
      return;
    case 'turn_context': {
      applyTurnContext(facts, payload);
      const model = asString(payload.model);
      if (model) t.useModel(model);
      return;
    }
    case 'compacted':
      t.compacted(asString(payload.message), base);
      return;
    default:
      return;
  }
}
