import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { globby } from 'globby';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSession,
  defineAdapter,
  defineRenderer,
  type Message,
  readIndex,
  runSync,
  type SyncOptions,
} from '../src/index.js';
import { fakeAdapter, streamingFakeAdapter } from './support/fake-adapter.js';
import { plainRenderer } from './support/plain-renderer.js';
import { aliceBackup } from './support/sync-options.js';

let home: string;
let out: string;
let src: string;
const MB = 1024 * 1024;

const header = (id: string) =>
  JSON.stringify({ id, start: '2026-01-02T03:04:00Z', cwd: '/home/alice/code/app' });
const line = (role: string, text: string) => JSON.stringify({ role, text });
async function source(id: string, lines: string[]) {
  const path = join(src, `${id}.jsonl`);
  await writeFile(path, `${[header(id), ...lines].join('\n')}\n`);
  return path;
}
const options = (overrides: Partial<SyncOptions> = {}) => aliceBackup(out, home, overrides);
const files = (root: string) => globby('history/**/*', { cwd: root, dot: true });
const contents = async (root: string): Promise<Record<string, string>> =>
  Object.fromEntries(
    await Promise.all((await files(root)).map(async (f) => [f, await readFile(join(root, f), 'utf8')])),
  );
const stateLeftovers = () => globby(['.convx/state/lock', '.convx/state/tmp/*'], { cwd: out, dot: true });

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'convx-home-'));
  out = await mkdtemp(join(tmpdir(), 'convx-out-'));
  src = join(home, '.fake');
  await mkdir(src, { recursive: true });
  await source('s1', [line('user', 'Fix the login bug'), line('assistant', 'Done.')]);
  await source('s2', [line('user', 'Add dark mode'), line('assistant', 'Added.')]);
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

describe('a line over the limit', () => {
  for (const adapter of [fakeAdapter, streamingFakeAdapter]) {
    it(`fails its session alone, naming the line and its size, run after run (${adapter === fakeAdapter ? 'loaded' : 'streamed'})`, async () => {
      const long = await source('long', [line('user', 'a paste follows'), line('user', 'x'.repeat(3 * MB))]);
      for (const run of [1, 2]) {
        const report = await runSync(options({ adapters: [adapter], maxLineBytes: 2 * MB }));
        expect(report.failures).toEqual([
          {
            source: 'fake',
            path: long,
            key: 'fake:long',
            code: 'LINE_TOO_LONG',
            message: 'line 3 is 3 MB, over the limit of 2 MB for one line',
          },
        ]);
        expect(report.totals).toMatchObject(
          run === 1 ? { new: 2, failed: 1 } : { new: 0, unchanged: 2, failed: 1 },
        );
        // The lock released, no temp file left, the failed session not recorded: the next run tries again.
        expect(await stateLeftovers()).toEqual([]);
        expect(Object.keys((await readIndex(out)).sessions).sort()).toEqual(['fake:s1', 'fake:s2']);
      }
    });
  }

  it('exports a line within the limit whole', async () => {
    const text = 'y'.repeat(3 * MB);
    await source('long', [line('user', text)]);
    const report = await runSync(options({ maxLineBytes: 4 * MB }));
    expect(report.failures).toEqual([]);
    const twins = Object.entries(await contents(out)).filter(([name]) => name.endsWith('.json'));
    expect(twins.filter(([, json]) => json.includes(`"${text}"`))).toHaveLength(1);
  });

  it('fails the session even when the adapter turns read errors into diagnostics', async () => {
    // Like Claude Code's reader: each file of a session read on its own, an unreadable one only noted.
    const lenient = defineAdapter({
      ...fakeAdapter,
      async load(ctx, ref) {
        const diagnostics = ctx.diagnostics();
        const messages: Message[] = [];
        try {
          for await (const { value } of ctx.readJsonl(ref.path, diagnostics)) {
            const record = value as { role?: string; text?: string };
            if (record.text) messages.push({ kind: 'text', role: 'user', text: record.text });
          }
        } catch (error) {
          diagnostics.add('unreadable-file', String(error), { path: ref.path });
        }
        return createSession({
          source: 'fake',
          sessionId: ref.sessionId,
          sourceLocation: { path: ref.path },
          messages,
          diagnostics: diagnostics.list(),
        });
      },
    });
    await source('long', [line('user', 'kept?'), line('user', 'z'.repeat(3 * MB))]);
    const report = await runSync(options({ adapters: [lenient], maxLineBytes: 2 * MB }));
    expect(report.failures.map((f) => [f.key, f.code])).toEqual([['fake:long', 'LINE_TOO_LONG']]);
    expect((await files(out)).some((f) => f.includes('long') || f.includes('kept'))).toBe(false);
  });

  it('also refuses a JSON file read whole that is over the limit', async () => {
    const whole = defineAdapter({
      ...fakeAdapter,
      async load(ctx, ref) {
        const doc = (await ctx.readJson(ref.path)) as { text: string };
        return createSession({
          source: 'fake',
          sessionId: ref.sessionId,
          sourceLocation: { path: ref.path },
          messages: [{ kind: 'text', role: 'user', text: doc.text }],
        });
      },
    });
    await rm(join(src, 's2.jsonl'));
    await writeFile(join(src, 's1.jsonl'), JSON.stringify({ text: 'w'.repeat(3 * MB) }));
    const report = await runSync(options({ adapters: [whole], maxLineBytes: 2 * MB }));
    expect(report.failures.map((f) => f.message)).toEqual([
      'the file (read whole) is 3 MB, over the limit of 2 MB for one line',
    ]);
  });
});

/** A source whose `{"tool": …}` lines become tool calls with that input (and `meta` from `{"meta": …}`). */
const toolAdapter = defineAdapter({
  ...fakeAdapter,
  async load(ctx, ref) {
    const messages: Message[] = [];
    let meta: Record<string, unknown> | undefined;
    for await (const { value } of ctx.readJsonl(ref.path)) {
      const record = value as { tool?: unknown; meta?: Record<string, unknown>; text?: string };
      if ('tool' in record)
        messages.push({ kind: 'tool-call', role: 'assistant', name: 'Bash', input: record.tool });
      else if (record.meta) meta = record.meta;
      else if (record.text) messages.push({ kind: 'text', role: 'user', text: record.text });
    }
    return createSession({
      source: 'fake',
      sessionId: ref.sessionId,
      sourceLocation: { path: ref.path },
      messages,
      ...(meta ? { meta } : {}),
    });
  },
});
const nested = (depth: number) => `${'{"a":'.repeat(depth - 1)}[1]${'}'.repeat(depth - 1)}`;
const twinRenderer = defineRenderer({
  name: 'json',
  version: '1',
  // Walks every value recursively, as a renderer may.
  render: (session) => [{ suffix: '.md', content: JSON.stringify(session.messages, null, 1) }],
});

describe('deep nesting', () => {
  for (const depth of [1001, 10_000, 100_000]) {
    it(`fails a session whose tool input nests ${depth} levels deep, in plain words`, async () => {
      const deep = await source('deep', [line('user', 'go'), `{"tool":${nested(depth)}}`]);
      const report = await runSync(options({ adapters: [toolAdapter], renderer: twinRenderer }));
      expect(report.failures).toEqual([
        {
          source: 'fake',
          path: deep,
          key: 'fake:deep',
          code: 'NESTED_TOO_DEEP',
          message: 'the input of tool call "Bash" (message 2) is nested deeper than 1000 levels',
        },
      ]);
      expect(report.totals).toMatchObject({ new: 2, failed: 1 });
      expect(await stateLeftovers()).toEqual([]);
    });
  }

  it('exports a tool input 1000 levels deep, and checks metadata too', async () => {
    await source('deep', [line('user', 'go'), `{"tool":${nested(1000)}}`]);
    await source('meta', [line('user', 'go'), `{"meta":{"x":${nested(1000)}}}`]);
    const report = await runSync(options({ adapters: [toolAdapter], renderer: twinRenderer }));
    expect(report.failures).toEqual([
      expect.objectContaining({
        key: 'fake:meta',
        message: 'the session metadata is nested deeper than 1000 levels',
      }),
    ]);
    // The 1000-deep one exported: its transcript and its twin.
    expect((await files(out)).filter((f) => f.includes('-go'))).toHaveLength(2);
  });

  it('checks each streamed message before it is held or spilled', async () => {
    const streaming = defineAdapter({
      ...toolAdapter,
      async stream(ctx, ref, emit) {
        const session = await toolAdapter.load(ctx, ref);
        for (const message of session.messages) emit(message);
        return { ...session, messages: [] };
      },
    });
    await source('deep', [line('user', 'go'), `{"tool":${nested(20_000)}}`]);
    const report = await runSync(options({ adapters: [streaming], holdChars: 10 }));
    expect(report.failures.map((f) => [f.key, f.code])).toEqual([['fake:deep', 'NESTED_TOO_DEEP']]);
    expect(await stateLeftovers()).toEqual([]);
  });
});

describe('a file with nothing readable', () => {
  it('fails a session file whose every line is malformed, and still skips an empty one', async () => {
    const junk = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i % 7 === 0 ? 0 : (i * 37) % 256)));
    const garbage = join(src, 'garbage.jsonl');
    await writeFile(garbage, Buffer.concat([junk, Buffer.from('\n\u0000\u0000\n'), junk]));
    await writeFile(join(src, 'empty.jsonl'), '');
    const report = await runSync(options());
    expect(report.failures).toEqual([
      {
        source: 'fake',
        path: garbage,
        key: 'fake:garbage',
        code: 'UNREADABLE_SESSION',
        message: expect.stringMatching(
          /^no message in it could be read: line is not valid JSON ×\d+ \(first at line 1\)$/,
        ),
      },
    ]);
    expect(report.totals).toMatchObject({ discovered: 4, new: 2, skipped: 1, failed: 1 });
  });

  it('reports a session file that is a broken link or a FIFO, without opening the FIFO', async () => {
    await symlink(join(home, 'gone.jsonl'), join(src, 'dangling.jsonl'));
    execFileSync('mkfifo', [join(src, 'pipe.jsonl')]);
    const report = await runSync(options());
    expect(report.failures.map((f) => [basename(f.path), f.message]).sort()).toEqual([
      ['dangling.jsonl', 'cannot read this file: it is a link to a file that does not exist'],
      ['pipe.jsonl', 'cannot read this file: it is not a regular file (a FIFO, socket or device)'],
    ]);
    expect(report.totals.new).toBe(2);
  });
});

describe('a full disk', () => {
  /** A renderer that finds the disk full on its `at`-th session, as a write would. */
  const fillingRenderer = (at: number) => {
    let count = 0;
    return defineRenderer({
      ...plainRenderer,
      render(session, context) {
        if (++count === at)
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        return plainRenderer.render(session, context);
      },
    });
  };

  it('stops exporting, saves the index for what it wrote, and the next run exports the rest', async () => {
    for (let i = 3; i <= 12; i++) await source(`s${String(i).padStart(2, '0')}`, [line('user', `Task ${i}`)]);
    const report = await runSync(options({ renderer: fillingRenderer(5), concurrency: 1 }));
    expect(report.diskFull).toEqual({ path: out, notExported: 8, indexSaved: true });
    expect(report.failures).toEqual([
      {
        source: 'fake',
        path: out,
        code: 'DISK_FULL',
        message: '8 sessions not exported: the disk holding the output folder is full',
      },
    ]);
    expect(report.totals).toMatchObject({ discovered: 12, new: 4, failed: 8 });
    const index = await readIndex(out);
    expect(Object.keys(index.sessions)).toHaveLength(4);
    // What the index records is on disk, and nothing else is.
    const recorded = Object.values(index.sessions).flatMap((e) => e.outputs);
    expect((await files(out)).sort()).toEqual(recorded.sort());
    expect(await stateLeftovers()).toEqual([]);

    const next = await runSync(options());
    expect(next.totals).toMatchObject({ unchanged: 4, new: 8, failed: 0 });
    const clean = await mkdtemp(join(tmpdir(), 'convx-clean-'));
    try {
      await runSync(options({ outputRoot: clean }));
      expect(await contents(out)).toEqual(await contents(clean));
    } finally {
      await rm(clean, { recursive: true, force: true });
    }
  });
});
