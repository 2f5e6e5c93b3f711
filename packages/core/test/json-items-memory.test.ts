import { execFile } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { eachJsonItem } from '../src/index.js';

const run = promisify(execFile);
const MB = 1024 * 1024;
const child = fileURLToPath(new URL('./support/json-items-child.mjs', import.meta.url));

/** A ~1 MiB tool result full of escapes and multi-byte characters: a file pasted into the session. */
function pastedFile(): string {
  const line = 'export const s = "a \\"quoted\\" \\\\ path"; // ünïcödé ✓ 😀\n';
  return line.repeat(Math.ceil(MB / Buffer.byteLength(line)));
}

/** `{"title", "history": [count × ~1 MiB elements], "workspaceDirectory"}`, written in pieces. */
function writeSession(path: string, count: number): void {
  const text = JSON.stringify(pastedFile());
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, '{"title":"a big session","history":[\n');
    for (let i = 0; i < count; i++) {
      const item = `{"i":${i},"role":"user","content":[{"type":"tool_result","content":${text}}]}`;
      writeSync(fd, i === 0 ? item : `,\n${item}`);
    }
    writeSync(fd, '\n],"workspaceDirectory":"/work/app"}\n');
  } finally {
    closeSync(fd);
  }
}

describe('eachJsonItem on a big file', () => {
  it('streams a 300 MB session in a 64 MB heap, its memory growing by a small part of the file', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'convx-json-big-')), 'session.json');
    writeSession(path, 300);
    // A heap of 64 MB could not even hold the file's text: reading it whole would end the process.
    const { stdout } = await run(process.execPath, ['--max-old-space-size=64', child, path, 'history'], {
      maxBuffer: MB,
    });
    const out = JSON.parse(stdout);
    expect(out.result).toEqual({ found: true, items: 300, complete: true });
    expect(out.lastIndex).toBe(299);
    expect(out.textBytes).toBe(300 * pastedFile().length);
    expect(out.fields).toEqual({ title: 'a big session', workspaceDirectory: '/work/app' });
    expect(out.growth).toBeLessThan(96 * MB);
  }, 60_000);

  it('reads the same in a worker thread as on the main thread', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'convx-json-thread-')), 'session.json');
    writeSession(path, 4); // over 1 MiB: a worker thread reads it with direct calls, in chunks
    const summary = async () => {
      let sum = 0;
      const fields: Record<string, unknown> = {};
      const result = await eachJsonItem(
        path,
        (value, index) => {
          sum += index + JSON.stringify(value).length;
        },
        {
          at: ['history'],
          onField: (k, v) => {
            fields[k] = v;
          },
        },
      );
      return { result, sum, fields };
    };
    const core = new URL('../dist/index.js', import.meta.url).href;
    const code = `
      const { parentPort, workerData } = require('node:worker_threads');
      import(workerData.core).then(async ({ eachJsonItem }) => {
        let sum = 0;
        const fields = {};
        const result = await eachJsonItem(workerData.path, (value, index) => {
          sum += index + JSON.stringify(value).length;
        }, { at: ['history'], onField: (k, v) => {
          fields[k] = v;
        } });
        parentPort.postMessage({ result, sum, fields });
      });`;
    const worker = new Worker(code, { eval: true, workerData: { core, path } });
    const inThread = await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(inThread).toEqual(await summary());
    expect(inThread).toMatchObject({ result: { items: 4, complete: true } });
  });
});
