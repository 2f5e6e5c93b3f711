import type { AdapterContext, MessageSink, Session, SessionRef } from '@convx/core';
import { arr, asRecord, type JsonRecord, str } from '@convx/core';
import { Transcript } from './parse.js';
import type { KeepPayload } from './parse-content.js';
import { parseArguments, readContent } from './parse-content.js';
import { Emitted } from './parse-emitted.js';
import { instructionsPreamble } from './parse-instructions.js';
import { addMessage, applyResponseItem } from './parse-items.js';
import { parsePythonLiteral } from './parse-python-repr.js';
import { applyHeader, buildSession, newFacts } from './parse-session-facts.js';
import { readToolOutput } from './parse-tool-output.js';

/**
 * Reads a mid-2025 single-JSON rollout `{session, items}`. Items are chat-completions shaped
 * (`role` + `content`, `tool_calls`, `role: "tool"`) or, in some files, already Responses-API items.
 * These files are small and are one JSON value, so they are read whole and emitted at the end.
 */
export async function streamJson(ctx: AdapterContext, ref: SessionRef, emit: MessageSink): Promise<Session> {
  const diagnostics = ctx.diagnostics();
  const facts = newFacts();
  const emitted = new Emitted(emit);
  const t = new Transcript(emitted.emit, (firstTurn) => instructionsPreamble(facts, firstTurn));
  const doc = asRecord(await ctx.readJson(ref.path));
  if (!doc) throw new Error('not a Codex session file: the top level is not an object');
  const header = asRecord(doc.session);
  if (header) applyHeader(facts, header);
  arr(doc.items).forEach((raw, index) => {
    const item = asRecord(raw);
    if (!item) {
      diagnostics.add('unexpected-item', 'item is not an object; skipped', {
        path: ref.path,
        line: index + 1,
      });
    } else if (typeof item.type === 'string' && item.type !== 'function') {
      applyResponseItem(t, item, {}, ctx.attachment);
    } else {
      applyChatItem(t, item, ctx.attachment);
    }
  });
  t.endTurn(true);
  return buildSession({
    sessionId: ref.sessionId,
    path: ref.path,
    format: 'json',
    facts,
    emitted,
    models: t.models,
    diagnostics: diagnostics.list(),
  });
}

function applyChatItem(t: Transcript, item: JsonRecord, keep: KeepPayload): void {
  const role = str(item.role) ?? 'user';
  const base = { id: str(item.id) };
  if (role === 'tool') {
    const output = readToolOutput(contentText(item.content, keep), keep);
    t.toolResult(str(item.tool_call_id), output, base);
    return;
  }
  if (role === 'assistant') {
    const reasoning = reasoningText(item.reasoning);
    if (reasoning) t.thinking([reasoning], base);
  }
  addMessage(t, role, readContent(chatContent(item.content), keep), base);
  for (const raw of arr(item.tool_calls)) {
    const call = asRecord(raw);
    const fn = asRecord(call?.function);
    if (!call || !fn) continue;
    t.toolCall(str(fn.name) ?? 'function', parseArguments(fn.arguments), str(call.id), {});
  }
}

/** A content string that holds a Python repr of a parts list is read as that list. */
function chatContent(content: unknown): unknown {
  if (typeof content !== 'string') return content;
  const trimmed = content.trim();
  if (!trimmed.startsWith('[')) return content;
  const parsed = parsePythonLiteral(trimmed);
  return Array.isArray(parsed) ? parsed : content;
}

function contentText(content: unknown, keep: KeepPayload): string {
  if (typeof content === 'string') return content;
  return readContent(chatContent(content), keep).texts.join('\n');
}

function reasoningText(reasoning: unknown): string | undefined {
  if (typeof reasoning === 'string') return reasoning.trim() ? reasoning : undefined;
  const record = asRecord(reasoning);
  const text = str(record?.content) ?? str(record?.text) ?? str(record?.summary);
  return text?.trim() ? text : undefined;
}
