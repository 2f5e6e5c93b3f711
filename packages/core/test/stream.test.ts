import { describe, expect, it } from 'vitest';
import { createSession, loadFromStream, type Message, TimeSpan } from '../src/index.js';

const at = (timestamp: string | undefined): Message => ({
  kind: 'text',
  role: 'user',
  text: 'hi',
  ...(timestamp ? { timestamp } : {}),
});

/** A TimeSpan fed the timestamps, and the session createSession makes of messages carrying them. */
function spanAndSession(stamps: Array<string | undefined>) {
  const span = new TimeSpan();
  for (const s of stamps) span.add(s);
  const derived = createSession({
    source: 'x',
    sessionId: '1',
    sourceLocation: { path: '/x' },
    messages: stamps.map(at),
  });
  return { span, derived };
}

describe('TimeSpan', () => {
  it('picks the same start and end createSession derives from the messages', () => {
    const stamps = [
      undefined,
      '2026-01-02T10:00:00.000Z',
      '2026-01-01T09:00:00+02:00',
      '2026-01-03T00:00:00Z',
      '2026-01-02T11:00:00.000Z',
      undefined,
    ];
    const { span, derived } = spanAndSession(stamps);
    expect(span.startedAt).toBe('2026-01-01T09:00:00+02:00');
    expect(span.endedAt).toBe('2026-01-03T00:00:00Z');
    expect([span.startedAt, span.endedAt]).toEqual([derived.startedAt, derived.endedAt]);
  });

  it('takes the earliest and latest as Date.parse orders them, on random mixes of canonical, rolled-over, offset and broken timestamps', () => {
    let seed = 3;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x80000000;
    };
    const pad = (n: number) => String(n).padStart(2, '0');
    // Days 29–31 in every month: Feb 30 parses as Mar 2, so those must not be compared as strings.
    const DAYS = [1, 2, 3, 27, 28, 29, 30, 31];
    const stamp = (): string | undefined => {
      const roll = random();
      if (roll < 0.05) return undefined;
      if (roll < 0.08) return 'not a time';
      const base = `2026-${pad(1 + Math.floor(random() * 3))}-${pad(DAYS[Math.floor(random() * DAYS.length)] as number)}`;
      const clock = `${pad(Math.floor(random() * 24))}:${pad(Math.floor(random() * 3))}:00`;
      if (roll < 0.15) return `${base}T${clock}+02:00`;
      if (roll < 0.2) return `${base}T${clock}Z`;
      return `${base}T${clock}.${String(Math.floor(random() * 3)).padStart(3, '0')}Z`;
    };
    for (let round = 0; round < 500; round++) {
      const stamps = Array.from({ length: 1 + Math.floor(random() * 12) }, stamp);
      const { span, derived } = spanAndSession(stamps);
      // The definition: the first earliest and the first latest, as Date.parse orders them.
      const earliest = stamps.reduce<string | undefined>(
        (best, s) => (s !== undefined && (best === undefined || Date.parse(s) < Date.parse(best)) ? s : best),
        undefined,
      );
      const latest = stamps.reduce<string | undefined>(
        (best, s) => (s !== undefined && (best === undefined || Date.parse(s) > Date.parse(best)) ? s : best),
        undefined,
      );
      expect([span.startedAt, span.endedAt], JSON.stringify(stamps)).toEqual([earliest, latest]);
      expect([derived.startedAt, derived.endedAt]).toEqual([earliest, latest]);
    }
  });

  it('stays empty without timestamps', () => {
    const span = new TimeSpan();
    span.add(undefined);
    expect(span.startedAt).toBeUndefined();
    expect(span.endedAt).toBeUndefined();
  });
});

describe('loadFromStream', () => {
  it('puts the emitted messages, in order, into the session the stream resolves to', async () => {
    const session = await loadFromStream(
      async (_ctx, ref, emit) => {
        emit(at('2026-01-01T00:00:00Z'));
        emit({ kind: 'text', role: 'assistant', text: 'second' });
        return createSession({ source: 'x', sessionId: ref.sessionId, sourceLocation: { path: ref.path } });
      },
      {} as never,
      { sessionId: 's1', fingerprint: 'f', path: '/p' },
    );
    expect(session.key).toBe('x:s1');
    expect(session.messages.map((m) => (m.kind === 'text' ? m.text : ''))).toEqual(['hi', 'second']);
  });
});
