import { createSession, type Message, type Session } from '@convx/core';
import { describe, expect, it } from 'vitest';
import { claudeAdapter } from '../src/index.js';
import { context, discoverAll, ID, projects } from './helpers.js';

interface Streamed {
  session: Session;
  emitted: Message[];
  /** Each message as it looked when emitted, to catch one changed after it was handed over. */
  atEmit: string[];
}

async function streamAll(): Promise<Map<string, Streamed>> {
  const ctx = context();
  const out = new Map<string, Streamed>();
  for (const ref of await discoverAll([projects], ctx)) {
    const emitted: Message[] = [];
    const atEmit: string[] = [];
    const stream = claudeAdapter.stream;
    if (!stream) throw new Error('the Claude adapter has no stream');
    const session = await stream(ctx, ref, (message) => {
      emitted.push(message);
      atEmit.push(JSON.stringify(message));
    });
    out.set(ref.sessionId, { session, emitted, atEmit });
  }
  return out;
}

describe('stream', () => {
  it('covers every fixture conversation, continuation and orphan included', async () => {
    const streamed = await streamAll();
    expect([...streamed.keys()].sort()).toEqual(
      Object.values(ID)
        .filter((id) => id !== ID.continuation)
        .sort(),
    );
  });

  it('emits exactly what load returns, and resolves to the same session without messages', async () => {
    const ctx = context();
    const streamed = await streamAll();
    for (const ref of await discoverAll([projects], ctx)) {
      const loaded = await claudeAdapter.load(ctx, ref);
      const got = streamed.get(ref.sessionId);
      expect(got?.session.messages).toEqual([]);
      expect({ ...got?.session, messages: got?.emitted }).toEqual(loaded);
    }
  });

  it('never changes a message after emitting it', async () => {
    for (const { emitted, atEmit } of (await streamAll()).values()) {
      expect(emitted.map((m) => JSON.stringify(m))).toEqual(atEmit);
    }
  });

  it('takes start and end from the emitted messages as createSession would, an orphan from its subagents', async () => {
    let withMessages = 0;
    for (const { session, emitted } of (await streamAll()).values()) {
      if (session.meta?.orphaned) {
        expect(emitted).toEqual([]);
        const starts = (session.children ?? []).map((c) => c.startedAt ?? '').sort();
        expect(session.startedAt).toBe(starts[0]);
        continue;
      }
      withMessages++;
      const derived = createSession({ ...session, messages: emitted });
      expect(session.startedAt).toBeDefined();
      expect([session.startedAt, session.endedAt]).toEqual([derived.startedAt, derived.endedAt]);
    }
    expect(withMessages).toBe(Object.keys(ID).length - 2);
  });

  it('reads continuation files in order into one stream, re-written lines once', async () => {
    const resumed = (await streamAll()).get(ID.resumed);
    expect(resumed?.session.sourceLocation.extraPaths?.length).toBe(1);
    const ids = [...new Set(resumed?.emitted.map((m) => m.id?.slice(-2)))];
    // 01-05 from the original file; the continuation re-writes 01 and 02, then adds 06 and 07.
    expect(ids).toEqual(['01', '02', '03', '04', '05', '06', '07']);
  });
});
