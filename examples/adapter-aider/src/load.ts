import { dirname } from 'node:path';
import { type AdapterContext, createSession, type Session, type SessionRef } from '@convx/core';
import { ChatBuilder } from './parse.js';
import type { AiderRefData } from './types.js';

/** Reads one chat: the lines of its block, streamed, into messages. */
export async function loadChat(ctx: AdapterContext, ref: SessionRef<AiderRefData>): Promise<Session> {
  const block = ref.data?.block;
  if (!block) throw new Error(`${ref.path}: no chat block for ${ref.sessionId}; discover it again`);
  const builder = new ChatBuilder();
  const diagnostics = ctx.diagnostics();
  for await (const line of ctx.readLines(ref.path, diagnostics)) {
    if (line.line > block.endLine) break;
    if (line.line > block.startLine) builder.add(line);
  }
  builder.flush();
  return createSession({
    source: 'aider',
    sessionId: ref.sessionId,
    cwd: dirname(ref.path),
    startedAt: block.startedAt,
    models: builder.models,
    sourceLocation: { path: ref.path, locator: `lines ${block.startLine}-${block.endLine}` },
    messages: builder.messages,
    diagnostics: diagnostics.list(),
  });
}
