import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { ReadJsonlOptions } from '../src/index.js';
import { createDiagnostics, eachJsonl, readJsonl, readLines } from '../src/index.js';
import { eachJsonl as eachJsonlTapped } from '../src/io/lines.js';

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
    const lines = await collect(readLines(path, undefined, {}, { tap: (h) => (hash = h) }));
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
    for await (const { text } of readLines(path, undefined, {}, { tap: (h) => (hashHere = h) }))
      here.push(text);
    // Worker threads run the built package, as the engine's do.
    const dist = new URL('../dist/index.js', import.meta.url).href;
    const worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       import(workerData.dist).then(async ({ readLines }) => {
         const lengths = []; let hash;
         for await (const { text } of readLines(workerData.path, undefined, {}, { tap: (h) => (hash = h) })) lengths.push(text.length);
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

describe("the run's line limit", () => {
  const limit = (bytes: number) => ({
    bytes,
    exceeded(path: string, line: number | string | undefined, size: number): never {
      throw new Error(`${path}:${line} is ${size} bytes`);
    },
    fail(error: Error): never {
      throw error;
    },
  });

  it("throws at a line over it, with the whole line's length, read across chunks", async () => {
    const path = await file(`{"a":1}\n{"b":"${'x'.repeat(3 << 20)}"}\n{"c":3}\n`);
    const seen: unknown[] = [];
    const reading = eachJsonl(
      path,
      (value) => void seen.push(value),
      undefined,
      {},
      { limit: limit(1 << 20) },
    );
    await expect(reading).rejects.toThrow(`${path}:2 is ${(3 << 20) + 8} bytes`);
    expect(seen).toEqual([{ a: 1 }]);
  });

  it("leaves a reader's own lower maxLineBytes to skip and report the line", async () => {
    const path = await file(`ok\n${'x'.repeat(5000)}\nafter\n`);
    const diagnostics = createDiagnostics();
    const lines = await collect(readLines(path, diagnostics, { maxLineBytes: 1000 }, { limit: limit(2000) }));
    expect(lines.map((l) => l.text)).toEqual(['ok', 'after']);
    expect(diagnostics.size).toBe(1);
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

describe('eachJsonl', () => {
  /** The records `eachJsonl` passes, as `readJsonl` would yield them. */
  async function each(path: string, ...rest: [ReturnType<typeof createDiagnostics>?, ReadJsonlOptions?]) {
    const out: { line: number; value: unknown }[] = [];
    await eachJsonl(path, (value, line) => void out.push({ line, value }), ...rest);
    return out;
  }

  it('passes exactly the records readJsonl yields, with the same diagnostics', async () => {
    const big = `{"big":"${'é'.repeat(700_000)}"}`; // 1.4 MB: split across read chunks
    const content = `{"a":1}\r\nnot json\n\n${big}\n{"type":"progress"}\n{"c":\n{"last":true}`;
    const path = await file(content);
    for (const options of [{}, { filter: (t: string) => !t.includes('progress') }, { maxLineBytes: 100 }]) {
      const viaCallback = createDiagnostics();
      const viaIterator = createDiagnostics();
      const records = await each(path, viaCallback, options);
      expect(records).toEqual(await collect(readJsonl(path, viaIterator, options)));
      expect(viaCallback.list()).toEqual(viaIterator.list());
    }
    const all = await each(path);
    expect(all.map((r) => r.line)).toEqual([1, 4, 5, 7]);
    expect(all.at(-1)).toEqual({ line: 7, value: { last: true } });
  });

  it('applies a head filter before decoding, like readJsonl', async () => {
    const huge = `{"type":"progress","data":"${'p'.repeat(3_000_000)}"}`;
    const path = await file(`{"type":"user","n":1}\n${huge}\n{"type":"user","n":2}\n`);
    const diagnostics = createDiagnostics();
    const keep = (head: string) => !head.startsWith('{"type":"progress"');
    const records = await each(path, diagnostics, {
      filter: keep,
      filterHeadBytes: 64,
      maxLineBytes: 1_000_000,
    });
    expect(records.map((r) => r.value)).toEqual([
      { type: 'user', n: 1 },
      { type: 'user', n: 2 },
    ]);
    expect(diagnostics.size).toBe(0);
  });

  it('awaits a callback that returns a promise before passing the next record', async () => {
    const path = await file('{"n":1}\n{"n":2}\n{"n":3}');
    const events: string[] = [];
    await eachJsonl(path, async (value) => {
      const { n } = value as { n: number };
      events.push(`start ${n}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`end ${n}`);
    });
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('stops at a throw from the callback, closes the file, and reports the hash only for a whole read', async () => {
    const lines = Array.from({ length: 50_000 }, (_, n) => JSON.stringify({ n, pad: 'x'.repeat(40) }));
    const content = `${lines.join('\n')}\n`;
    const path = await file(content);
    const openFiles = () => readdirSync('/proc/self/fd').length;
    const before = process.platform === 'linux' ? openFiles() : 0;
    let seen = 0;
    let hash: string | undefined;
    const stop = new Error('enough');
    const reading = eachJsonlTapped(
      path,
      () => {
        if (++seen === 30_000) throw stop;
      },
      undefined,
      {},
      { tap: (h) => (hash = h) },
    );
    await expect(reading).rejects.toBe(stop);
    expect(seen).toBe(30_000);
    expect(hash).toBeUndefined();
    if (process.platform === 'linux') expect(openFiles()).toBe(before);

    await eachJsonlTapped(path, () => {}, undefined, {}, { tap: (h) => (hash = h) });
    expect(hash).toBe(createHash('sha256').update(content).digest('hex'));
  });
});
