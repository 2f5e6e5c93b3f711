import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStoredIndex, statePath, writeIndex } from '../src/store/index-file.js';
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
    // The sizes' line, the head's first and last lines, a line per session in the head and a detail line per
    // session, a final break.
    expect(text.split('\n')).toHaveLength(2 * Object.keys(sessions).length + 4);
    const [prefix = '', ...rest] = text.split('\n');
    const head = rest.slice(0, Object.keys(sessions).length + 2).join('\n');
    expect(JSON.parse(prefix)).toEqual({
      version: 2,
      headBytes: Buffer.byteLength(`${head}\n`),
      detailBytes: Buffer.byteLength(text) - Buffer.byteLength(`${prefix}\n${head}\n`),
    });
    const read = SessionIndex.parse(text);
    expect(read?.toRecord()).toEqual(sessions);
    expect(read?.get('codex:redacted')?.key).toBe('codex:secret');
    expect(read?.planned('codex:b')).toEqual({
      source: 'codex',
      sessionId: 'b',
      fingerprint: '1:b',
      renderKey: 'r1',
      sourcePath: '/src/b.jsonl',
      skipped: { reason: 'empty' },
      outputCount: 0,
    });
    expect(read?.planned('codex:a')).toMatchObject({ cwd: '/code/app', outputCount: 2 });
    expect(read && [...read.allPlanned()].map(([key]) => key)).toEqual(Object.keys(sessions));
    expect(read?.size).toBe(4);
    expect(read?.has('codex:a')).toBe(true);
    expect(read?.has('codex:z')).toBe(false);
    expect(read?.get('constructor')).toBeUndefined();
  });

  it('writes back the lines of entries it did not replace as they were read, and replaced ones anew', () => {
    const saved = textOf(SessionIndex.of(sessions));
    // Lines written differently from how this version would write them: copied, not serialized again.
    const lines = saved.split('\n');
    lines[3] = lines[3]?.replace('{"', '{ "') ?? ''; // codex:b's head line
    lines[8] = lines[8]?.replace('{"', '{ "') ?? ''; // codex:b's detail line
    const stored = lines.join('\n');
    const index = SessionIndex.parse(stored);
    if (!index) throw new Error('not read');
    expect(index.get('codex:b')).toEqual(sessions['codex:b']);
    const withoutSizes = (text: string) => text.slice(text.indexOf('\n'));
    expect(withoutSizes(textOf(index))).toBe(withoutSizes(stored));
    // The first session replaced and another deleted: what is left of the file stays as it was.
    index.set('codex:a', entry('a', { fingerprint: '2:a' }));
    index.delete('codex:redacted');
    index.set('codex:new', entry('new'));
    const again = textOf(index);
    expect(again).toContain(`\n${lines[3]}\n`);
    expect(again).toContain(`\n${lines[8]}\n`);
    const read = SessionIndex.parse(again);
    expect(read && [...read.keys()]).toEqual(['codex:a', 'codex:b', 'codex:ünï', 'codex:new']);
    expect(read?.get('codex:a')?.fingerprint).toBe('2:a');
    expect(read?.toRecord()).toEqual(index.toRecord());
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
    // A saved entry is let go and read back from its lines when asked for again.
    textOf(index);
    expect(index.get('codex:new')).toEqual(entry('new'));
    expect(index.planned('codex:a')?.fingerprint).toBe('9:9');
    expect(SessionIndex.parse(textOf(index))?.toRecord()).toEqual(index.toRecord());
  });

  it('parses an entry only when asked, once; tells the whole entries of an older version from brief ones', () => {
    const brief = entry('c', { outputs: [], skipped: { reason: 'not in this repository' } });
    for (const field of ['messageCount', 'models', 'exportedAt'] as const) delete brief[field];
    const older = SessionIndex.of({ 'codex:a': entry('a'), 'codex:c': brief }, true);
    expect(older.describes('codex:c')).toBe(false);
    expect(older.describes('codex:a')).toBe(true);
    const index = SessionIndex.parse(textOf(older));
    if (!index) throw new Error('not read');
    expect(index.unsaved).toBe(false);
    expect(index.get('codex:a')).toBe(index.get('codex:a'));
    expect(textOf(index).split('\n').at(-2)).toBe('{"outputs":[]}');
  });

  it('refuses a file that is not a whole version-2 index', () => {
    const text = textOf(SessionIndex.of(sessions));
    expect(SessionIndex.parse(text.slice(0, -1))).toBeUndefined();
    expect(SessionIndex.parse(`${text.split('\n').slice(0, -2).join('\n')}\n`)).toBeUndefined();
    expect(SessionIndex.parse(text.replace('\n,', '\n'))).toBeUndefined();
    expect(SessionIndex.parse(text.replace('"version":2', '"version":3'))).toBeUndefined();
    expect(SessionIndex.parse(JSON.stringify({ version: 1, sessions }))).toBeUndefined();
    expect(SessionIndex.parse('')).toBeUndefined();
  });

  it('reads an entry whose stored line does not parse (a hand edit: a crash cannot leave one) as one without files', () => {
    const lines = textOf(SessionIndex.of(sessions)).split('\n');
    lines[7] = '{"outputs":[';
    const index = SessionIndex.parse(lines.join('\n'));
    expect(index?.get('codex:a')).toMatchObject({ key: 'codex:a', fingerprint: '1:a', outputs: [] });
    expect(index?.get('codex:b')).toEqual(sessions['codex:b']);
  });

  it('lets the file go once its head is read, and reads it again for the lines a run needs', async () => {
    const out = await mkdtemp(join(tmpdir(), 'convx-index-'));
    await writeIndex(out, SessionIndex.of(sessions));
    const saved = await readFile(statePath(out, 'index.jsonl'), 'utf8');
    const index = readStoredIndex(out);
    if (!index) throw new Error('not read');
    expect(index.get('codex:a')).toEqual(sessions['codex:a']);
    expect(textOf(index)).toBe(saved);
    // Once its lines were read, saving over the file changes nothing for the run that read it.
    index.set('codex:b', entry('b', { fingerprint: '2:b' }));
    await writeIndex(out, index.snapshot());
    expect(index.get('codex:redacted')).toEqual(sessions['codex:redacted']);
    expect(readStoredIndex(out)?.toRecord()).toEqual(index.toRecord());
    // Cut short (copied while written): not read at all.
    await writeFile(statePath(out, 'index.jsonl'), saved.slice(0, -2));
    expect(readStoredIndex(out)).toBeUndefined();
    // Replaced by someone else before the run read its lines: an error, never another file's lines.
    await writeFile(statePath(out, 'index.jsonl'), saved);
    const other = readStoredIndex(out);
    expect(other?.size).toBe(4);
    await writeIndex(out, SessionIndex.of({ 'codex:b': entry('b') }));
    expect(() => other?.get('codex:a')).toThrow(/changed during the run/);
  });

  it('migrates an older index.json', async () => {
    const out = await mkdtemp(join(tmpdir(), 'convx-index-'));
    await mkdir(statePath(out), { recursive: true });
    await writeFile(statePath(out, 'index.json'), JSON.stringify({ version: 1, sessions }));
    const index = readStoredIndex(out);
    expect(index?.unsaved).toBe(true);
    expect(index?.toRecord()).toEqual(sessions);
  });
});
