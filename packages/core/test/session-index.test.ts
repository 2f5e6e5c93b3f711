import { describe, expect, it } from 'vitest';
import { SessionIndex } from '../src/store/session-index.js';
import type { IndexEntry } from '../src/store/types.js';

const entry = (id: string, more: Partial<IndexEntry> = {}): IndexEntry => ({
  key: `codex:${id}`,
  source: 'codex',
  sessionId: id,
  fingerprint: `1:${id}`,
  renderKey: 'r1',
  outputs: [`history/${id}.md`, `history/.${id}.json`],
  sourcePath: `/src/${id}.jsonl`,
  messageCount: 3,
  models: ['gpt-5'],
  exportedAt: '2026-01-01T00:00:00.000Z',
  ...more,
});

const textOf = (index: SessionIndex) => [...index.chunks()].join('');

const sessions: Record<string, IndexEntry> = {
  'codex:a': entry('a', {
    cwd: '/code/app',
    title: 'Fix the "parser"\n\tnow',
    startedAt: '2026-01-01T00:00:00Z',
  }),
  'codex:b': entry('b', { outputs: [], skipped: { reason: 'empty' } }),
  // Adopted from the source's own id: recorded under its new key, still naming the old one.
  'codex:redacted': entry('secret'),
  'codex:ünï': entry('ünï', { skipped: { reason: 'excluded', detail: 'rule 2' }, models: [] }),
};

describe('the session index', () => {
  it('reads back what it saved, every field of every entry, under the key it was recorded under', () => {
    const text = textOf(SessionIndex.of(sessions));
    expect(text.split('\n')).toHaveLength(Object.keys(sessions).length + 2);
    const read = SessionIndex.parse(text);
    expect(read?.toRecord()).toEqual(sessions);
    expect(read?.get('codex:redacted')?.key).toBe('codex:secret');
    expect(read?.planned('codex:b')).toEqual({
      key: 'codex:b',
      source: 'codex',
      sessionId: 'b',
      fingerprint: '1:b',
      renderKey: 'r1',
      sourcePath: '/src/b.jsonl',
      skipped: { reason: 'empty' },
      outputCount: 0,
    });
    expect(read?.planned('codex:a')).toMatchObject({ cwd: '/code/app', outputCount: 2 });
    expect(read && [...read.allPlanned()].map((p) => p.key)).toEqual(Object.keys(sessions));
  });

  it('writes back the lines of entries it did not replace as they were read, and replaced ones anew', () => {
    const saved = textOf(SessionIndex.of(sessions));
    // A stored line written differently from how this version would write it: copied, not re-serialized.
    const lines = saved.split('\n');
    lines[2] = lines[2]?.replace('{"', '{ "') ?? '';
    const stored = lines.join('\n');
    const index = SessionIndex.parse(stored);
    if (!index) throw new Error('not read');
    expect(index.get('codex:b')?.outputs).toEqual([]);
    expect(textOf(index)).toBe(stored);
    index.set('codex:a', entry('a', { fingerprint: '2:a' }));
    index.delete('codex:redacted');
    const again = textOf(index).split('\n');
    expect(again[2]).toBe(lines[2]);
    expect(again).toHaveLength(lines.length - 1);
    expect(SessionIndex.parse(again.join('\n'))?.get('codex:a')?.fingerprint).toBe('2:a');
  });

  it('serializes an entry once, however often the index is saved', () => {
    let serialized = 0;
    const models = ['gpt-5'];
    Object.defineProperty(models, 'toJSON', {
      value: () => {
        serialized++;
        return ['gpt-5'];
      },
    });
    const index = SessionIndex.empty();
    index.set('codex:a', entry('a', { models }));
    for (let save = 0; save < 3; save++) {
      index.set(`codex:n${save}`, entry(`n${save}`));
      textOf(index.snapshot());
    }
    expect(serialized).toBe(1);
  });

  it('keeps a snapshot as it was when taken', () => {
    const index = SessionIndex.of(sessions);
    const snapshot = index.snapshot();
    const before = textOf(snapshot);
    index.set('codex:a', entry('a', { fingerprint: '9:9' }));
    index.delete('codex:b');
    index.set('codex:new', entry('new'));
    expect(textOf(snapshot)).toBe(before);
    expect(index.size).toBe(4);
    expect(snapshot.size).toBe(4);
  });

  it('parses an entry only when asked, once, and tells brief entries apart without parsing them', () => {
    const brief = entry('c', { outputs: [], skipped: { reason: 'not in this repository' } });
    for (const field of ['messageCount', 'models', 'exportedAt'] as const) delete brief[field];
    const index = SessionIndex.parse(textOf(SessionIndex.of({ 'codex:a': entry('a'), 'codex:c': brief })));
    if (!index) throw new Error('not read');
    expect(index.describes('codex:c')).toBe(false);
    expect(index.describes('codex:a')).toBe(true);
    expect(index.get('codex:a')).toBe(index.get('codex:a'));
  });

  it('refuses a file that is not a whole version-2 index', () => {
    const text = textOf(SessionIndex.of(sessions));
    expect(SessionIndex.parse(text.slice(0, -1))).toBeUndefined();
    expect(SessionIndex.parse(text.split('\n').slice(0, -2).join('\n'))).toBeUndefined();
    expect(SessionIndex.parse(text.replace('"version":2', '"version":3'))).toBeUndefined();
    expect(SessionIndex.parse(JSON.stringify({ version: 1, sessions }))).toBeUndefined();
    expect(SessionIndex.parse('')).toBeUndefined();
  });

  it('reads an entry whose stored line does not parse (a hand edit: a crash cannot leave one) as one without files', () => {
    const lines = textOf(SessionIndex.of(sessions)).split('\n');
    lines[1] = '{"outputs":[';
    const index = SessionIndex.parse(lines.join('\n'));
    expect(index?.get('codex:a')).toMatchObject({ key: 'codex:a', fingerprint: '1:a', outputs: [] });
    expect(index?.get('codex:b')).toEqual(sessions['codex:b']);
  });
});
