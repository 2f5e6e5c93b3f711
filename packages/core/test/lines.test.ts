import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createDiagnostics, readJsonl, readLines } from '../src/index.js';

async function file(content: string | Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'convx-lines-'));
  const path = join(dir, 'f.jsonl');
  await writeFile(path, content);
  return path;
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('readLines', () => {
  it('splits on LF and CRLF, skips empty lines, keeps 1-based line numbers and a last line without newline', async () => {
    const path = await file('a\r\n\nb\nc');
    expect(await collect(readLines(path))).toEqual([
      { line: 1, text: 'a' },
      { line: 3, text: 'b' },
      { line: 4, text: 'c' },
    ]);
  });

  it('reassembles lines that span many read chunks, including multi-byte characters at the boundary', async () => {
    const long = 'é'.repeat(1_500_000);
    const path = await file(`${long}\nshort\n`);
    const lines = await collect(readLines(path));
    expect(lines.map((l) => l.text.length)).toEqual([1_500_000, 5]);
    expect(lines[0]?.text).toBe(long);
  });

  it('reads a small file head first: lines across the head boundary stay whole, the hash covers every byte', async () => {
    // A multi-byte character straddles byte 32 KiB, where the head read ends.
    const first = `${'a'.repeat(32 * 1024 - 1)}é${'b'.repeat(10_000)}`;
    const content = `${first}\nsecond\n${'c'.repeat(50_000)}`;
    const path = await file(content);
    let hash: string | undefined;
    const lines = await collect(readLines(path, undefined, {}, (h) => (hash = h)));
    expect(lines.map((l) => l.text)).toEqual([first, 'second', 'c'.repeat(50_000)]);
    expect(hash).toBe(createHash('sha256').update(content).digest('hex'));
    // A reader that stops after the first line still gets it whole.
    for await (const { text } of readLines(path)) {
      expect(text).toBe(first);
      break;
    }
  });

  it('reads a big file the same way in a worker thread (direct reads) as on the main thread', async () => {
    // Over the 1 MiB read chunk, with a multi-byte character straddling each chunk boundary.
    const line = `${'a'.repeat((1 << 20) - 1)}é${'b'.repeat(1000)}`;
    const path = await file(`${line}\nshort\n${line}\n`);
    const here: string[] = [];
    let hashHere: string | undefined;
    for await (const { text } of readLines(path, undefined, {}, (h) => (hashHere = h))) here.push(text);
    // Worker threads run the built package, as the engine's do.
    const dist = new URL('../dist/index.js', import.meta.url).href;
    const worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       import(workerData.dist).then(async ({ readLines }) => {
         const lengths = []; let hash;
         for await (const { text } of readLines(workerData.path, undefined, {}, (h) => (hash = h))) lengths.push(text.length);
         parentPort.postMessage({ lengths, hash });
       });`,
      { eval: true, workerData: { dist, path } },
    );
    const fromWorker = await new Promise<{ lengths: number[]; hash: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(fromWorker.lengths).toEqual(here.map((t) => t.length));
    expect(here[0]).toBe(line);
    expect(fromWorker.hash).toBe(hashHere);
  });

  it('skips a line over the size limit and reports it, then goes on', async () => {
    const path = await file(`ok\n${'x'.repeat(5000)}\nafter\n`);
    const diagnostics = createDiagnostics();
    const lines = await collect(readLines(path, diagnostics, { maxLineBytes: 1000 }));
    expect(lines.map((l) => l.text.slice(0, 10))).toEqual(['ok', 'after']);
    expect(diagnostics.list()).toEqual([
      { code: 'oversized-line', message: 'line longer than 1000 bytes skipped', path, line: 2, count: 1 },
    ]);
  });
});

describe('readJsonl', () => {
  it('counts malformed and truncated lines with the first line number and keeps reading', async () => {
    const path = await file('{"a":1}\nnot json\n{"b":2}\n{"c":\n{"d":4}\n{"trunc');
    const diagnostics = createDiagnostics();
    const records = await collect(readJsonl(path, diagnostics));
    expect(records).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 3, value: { b: 2 } },
      { line: 5, value: { d: 4 } },
    ]);
    expect(diagnostics.list()).toEqual([
      { code: 'malformed-line', message: 'line is not valid JSON; skipped', path, line: 2, count: 3 },
    ]);
  });

  it('skips lines the filter rejects without parsing them', async () => {
    const path = await file('{"type":"progress","x":1}\n{"type":"user"}\n{"type":"progress" BROKEN\n');
    const diagnostics = createDiagnostics();
    const records = await collect(readJsonl(path, diagnostics, { filter: (t) => !t.includes('"progress"') }));
    expect(records).toEqual([{ line: 2, value: { type: 'user' } }]);
    expect(diagnostics.size).toBe(0);
  });

  it('drops a line the head filter rejects without holding it, however long, across read chunks', async () => {
    const huge = `{"type":"progress","data":"${'p'.repeat(3_000_000)}"}`;
    const path = await file(`{"type":"user","n":1}\n${huge}\n{"type":"user","n":2}\n${huge}`);
    const diagnostics = createDiagnostics();
    const keep = (head: string) => !head.startsWith('{"type":"progress"');
    const records = await collect(
      // A 1 MB line limit proves the 3 MB lines were never buffered: otherwise they would be reported oversized.
      readJsonl(path, diagnostics, { filter: keep, filterHeadBytes: 64, maxLineBytes: 1_000_000 }),
    );
    expect(records).toEqual([
      { line: 1, value: { type: 'user', n: 1 } },
      { line: 3, value: { type: 'user', n: 2 } },
    ]);
    expect(diagnostics.size).toBe(0);
  });
});
