import { createDiagnostics } from '@convx/core';
import { describe, expect, it } from 'vitest';
import { MutationReplay } from '../src/load-replay.js';

/** Replays entries (one per line) and returns the state and the diagnostics' codes with their lines. */
function replay(entries: unknown[]) {
  const diagnostics = createDiagnostics();
  const log = new MutationReplay(diagnostics, '/chat.jsonl');
  for (const [index, entry] of entries.entries()) log.apply(entry, index + 1);
  return { state: log.value, problems: diagnostics.list().map((d) => `${d.code}@${d.line}×${d.count}`) };
}

// A fresh object each time: the replay changes the state it was given, as it does a parsed line.
const initial = () => ({ kind: 0, v: { requests: [{ response: ['a', 'b', 'c'] }], title: 'x' } });

describe('the .jsonl change log', () => {
  it('sets values at paths of property names and list indexes', () => {
    const { state, problems } = replay([
      initial(),
      { kind: 1, k: ['title'], v: 'y' },
      { kind: 1, k: ['requests', 0, 'result'], v: { ok: true } },
    ]);
    expect(state).toEqual({ requests: [{ response: ['a', 'b', 'c'], result: { ok: true } }], title: 'y' });
    expect(problems).toEqual([]);
  });

  it('appends, and with `i` truncates the list to that length first (a splice from i to the end)', () => {
    expect(replay([initial(), { kind: 2, k: ['requests', 0, 'response'], v: ['d'] }]).state).toMatchObject({
      requests: [{ response: ['a', 'b', 'c', 'd'] }],
    });
    expect(
      replay([initial(), { kind: 2, k: ['requests', 0, 'response'], v: ['B', 'C'], i: 1 }]).state,
    ).toMatchObject({
      requests: [{ response: ['a', 'B', 'C'] }],
    });
    // Without values it only truncates (a list that shrank).
    expect(replay([initial(), { kind: 2, k: ['requests', 0, 'response'], i: 0 }]).state).toMatchObject({
      requests: [{ response: [] }],
    });
    // A list that does not exist yet starts empty.
    expect(replay([initial(), { kind: 2, k: ['requests', 0, 'votes'], v: [1] }]).state).toMatchObject({
      requests: [{ votes: [1] }],
    });
  });

  it('deletes a property; in a list the slot stays (VS Code sets it undefined)', () => {
    const { state } = replay([
      initial(),
      { kind: 3, k: ['title'] },
      { kind: 3, k: ['requests', 0, 'response', 1] },
    ]);
    expect(state).toEqual({ requests: [{ response: ['a', undefined, 'c'] }] });
  });

  it('starts over at a later initial entry (the log compacted)', () => {
    const { state } = replay([
      initial(),
      { kind: 1, k: ['title'], v: 'y' },
      { kind: 0, v: { title: 'fresh' } },
    ]);
    expect(state).toEqual({ title: 'fresh' });
  });

  it('counts entries that do not apply and goes on', () => {
    const { state, problems } = replay([
      { kind: 1, k: ['title'], v: 'before the start' },
      initial(),
      { kind: 1, k: ['requests', 5, 'result'], v: 1 },
      { kind: 2, k: ['title'], v: ['not a list'] },
      { kind: 1, k: 'title', v: 'no path' },
      { kind: 9, k: ['title'] },
      'not an entry',
      { kind: 1, k: ['title'], v: 'applied' },
    ]);
    expect(state).toMatchObject({ title: 'applied' });
    expect(problems).toEqual([
      'orphan-mutation@1×1',
      // Repeats of one code in one file fold into one counted diagnostic, at its first line.
      'bad-mutation@3×3',
      'unknown-record@6×2',
    ]);
  });
});
