import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MessageBody } from '../src/engine/prepare/message-body.js';
import { type Message, SCHEMA_VERSION, type Session } from '../src/index.js';
import { twinChunks } from '../src/store/twin.js';

const dir = mkdtempSync(join(tmpdir(), 'convx-body-'));
let n = 0;
const body = (holdChars: number, prepare = (m: Message) => m) =>
  new MessageBody({ spillPath: () => join(dir, `spill-${++n}.jsonl`), prepare, holdChars });

const stub = (messages: Message[]): Session => ({
  schemaVersion: SCHEMA_VERSION,
  key: 'fake:s1',
  source: 'fake',
  sessionId: 's1',
  models: [],
  sourceLocation: { path: '/s1' },
  messages,
  diagnostics: [],
});

describe('MessageBody', () => {
  it('holds small sessions in memory and never creates a spill file', () => {
    const b = body(1000);
    b.add({ kind: 'text', role: 'user', text: 'hello' });
    b.finish();
    expect(b.spilled).toBe(false);
    expect(b.held).toHaveLength(1);
    expect(existsSync(join(dir, `spill-${n}.jsonl`))).toBe(false);
  });

  it('spills past the limit and reads back every message, including multi-megabyte multibyte ones', () => {
    const b = body(100, (m) => (m.kind === 'text' ? { ...m, text: `${m.text}!` } : m));
    const huge = 'é€😀 line\n'.repeat(300_000); // ~4 MB of UTF-8, split across read chunks mid-character
    const sent: Message[] = [
      { kind: 'text', role: 'user', text: 'Start' },
      { kind: 'tool-result', role: 'tool', output: huge, callId: 'c1' },
      { kind: 'text', role: 'assistant', text: 'Done' },
    ];
    for (const m of sent) b.add(m);
    b.finish();
    expect(b.spilled).toBe(true);
    expect(b.count).toBe(3);
    expect(b.held).toEqual([]);
    const back = [...b.messages()];
    expect(back).toEqual([
      { kind: 'text', role: 'user', text: 'Start!' },
      sent[1],
      { kind: 'text', role: 'assistant', text: 'Done!' },
    ]);
    // Each pass re-reads the file; the lines are the twin's serialized messages.
    expect([...b.lines()].map((l) => JSON.parse(l))).toEqual(back);
    // The raw body is the twin's message list as twinChunks lays it out for a held session.
    const pieces: Buffer[] = [];
    for (const piece of b.body()) pieces.push(Buffer.from(piece)); // each piece is valid until the next
    const raw = Buffer.concat(pieces).toString('utf8');
    const held = [...twinChunks(stub(back))].join('');
    expect(pieces.length).toBeGreaterThan(1);
    expect(held.includes(`"messages": [${raw}\n  ]`)).toBe(true);
    expect(b.firstPrompt).toEqual({ kind: 'text', role: 'user', text: 'Start!' });
    const path = join(dir, `spill-${n}.jsonl`);
    expect(existsSync(path)).toBe(true);
    b.dispose();
    expect(existsSync(path)).toBe(false);
  });

  it('remembers the first withdraw reason among spilled messages', () => {
    const b = new MessageBody({
      spillPath: () => join(dir, `spill-${++n}.jsonl`),
      prepare: (m) => m,
      withdrawReason: (m) =>
        m.kind === 'text' && m.text.includes('[skip]') ? `marker in ${m.text}` : undefined,
      holdChars: 10,
    });
    for (const text of ['one', 'two [skip]', 'three [skip]']) b.add({ kind: 'text', role: 'user', text });
    b.finish();
    expect(b.withdrawn).toBe('marker in two [skip]');
    b.dispose();
  });
});
