import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { globby } from 'globby';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Message, readIndex, runSync, type Session, type SyncOptions } from '../src/index.js';
import { fakeAdapter, streamingFakeAdapter } from './support/fake-adapter.js';
import { plainRenderer, streamingPlainRenderer } from './support/plain-renderer.js';
import { aliceBackup } from './support/sync-options.js';

let home: string;
let src: string;

const header = (id: string, extra: Record<string, string> = {}) =>
  JSON.stringify({ id, start: '2026-01-02T03:04:00Z', cwd: '/home/alice/code/app', ...extra });
const line = (role: string, text: string, ts?: string) =>
  JSON.stringify({ role, text, ...(ts ? { ts } : {}) });

async function source(id: string, lines: string[], extra: Record<string, string> = {}) {
  await writeFile(join(src, `${id}.jsonl`), `${[header(id, extra), ...lines].join('\n')}\n`);
}

/** A long conversation: many turns, each well over the tiny hold limit the tests use. */
function turns(count: number, marker = ''): string[] {
  const out: string[] = [line('context', 'Always run the tests')];
  for (let i = 0; i < count; i++) {
    const minute = String(10 + (i % 50)).padStart(2, '0');
    out.push(line('user', `Step ${i}: refactor module ${i}${i === count / 2 ? marker : ''}`));
    out.push(
      line('assistant', `Done with step ${i}. ${'Details. '.repeat(20)}`, `2026-01-02T04:${minute}:00Z`),
    );
  }
  return out;
}

async function newOutput(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'convx-out-'));
}

function options(out: string, overrides: Partial<SyncOptions> = {}): SyncOptions {
  return aliceBackup(out, home, { adapters: [streamingFakeAdapter], ...overrides });
}

async function files(out: string): Promise<Record<string, string>> {
  const paths = await globby('history/**/*', { cwd: out, dot: true });
  const entries = await Promise.all(paths.map(async (p) => [p, await readFile(join(out, p), 'utf8')]));
  return Object.fromEntries(entries);
}

const shout = (m: Message): Message =>
  m.kind === 'text' || m.kind === 'context' ? { ...m, text: m.text.toUpperCase() } : m;
const shoutTransform = {
  id: 'shout',
  apply: (s: Session): Session => ({ ...s, messages: s.messages.map(shout) }),
};

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'convx-home-'));
  src = join(home, '.fake');
  await mkdir(src, { recursive: true });
  await source('long', turns(200));
  await source('short', [line('user', 'Add dark mode'), line('assistant', 'Added.')], { title: 'Dark mode' });
});

describe('streamed sessions', () => {
  it('export byte-identical files whether loaded whole, streamed in memory, or spilled to disk', async () => {
    const loaded = await newOutput();
    const held = await newOutput();
    const spilled = await newOutput();
    await runSync(options(loaded, { adapters: [fakeAdapter] }));
    await runSync(options(held));
    const streaming = streamingPlainRenderer();
    await runSync(options(spilled, { holdChars: 2000, renderer: streaming.renderer }));

    const expected = await files(loaded);
    expect(Object.keys(expected)).toHaveLength(4);
    expect(await files(held)).toEqual(expected);
    expect(await files(spilled)).toEqual(expected);
    // Only the long session spilled and went through renderStream; the short one was held and rendered.
    expect(streaming.calls).toEqual({ render: 1, renderStream: 1 });
    const twin = Object.entries(expected).find(([p]) => p.endsWith('step-0-refactor-module-0.json'));
    expect(JSON.parse(twin?.[1] ?? '{}').messages).toHaveLength(401);
    const index = await readIndex(spilled);
    expect(index.sessions['fake:long']?.messageCount).toBe(401);
  });

  it('leave no spill file behind', async () => {
    const out = await newOutput();
    const report = await runSync(options(out, { holdChars: 500 }));
    expect(report.totals.new).toBe(2);
    expect(await readdir(join(out, '.convx', 'state', 'tmp'))).toEqual([]);
  });

  it('spilled to disk are transformed message by message, with or without applyMessage', async () => {
    const whole = await newOutput();
    const perMessage = await newOutput();
    const fallback = await newOutput();
    await runSync(options(whole, { adapters: [fakeAdapter], transform: shoutTransform }));
    await runSync(
      options(perMessage, { holdChars: 500, transform: { ...shoutTransform, applyMessage: shout } }),
    );
    await runSync(options(fallback, { holdChars: 500, transform: shoutTransform }));
    const expected = await files(whole);
    const markdown = Object.entries(expected).find(([p]) => p.endsWith('.md') && p.includes('step-0'));
    expect(markdown?.[1]).toContain('- text: STEP 199: REFACTOR MODULE 199');
    expect(await files(perMessage)).toEqual(expected);
    expect(await files(fallback)).toEqual(expected);
  });

  it('spilled to disk are withdrawn when any message gives a reason, and write nothing', async () => {
    await source('long', turns(200, ' [no-convx]'));
    const out = await newOutput();
    const withdraw = {
      id: 'marker',
      test: (s: Session) =>
        s.messages.some((m) => m.kind === 'text' && m.text.includes('[no-convx]'))
          ? 'skip marker'
          : undefined,
    };
    const report = await runSync(options(out, { holdChars: 500, withdraw }));
    expect(report.withdrawn.map((w) => w.key)).toEqual(['fake:long']);
    expect(Object.keys(await files(out)).some((p) => p.includes('refactor'))).toBe(false);
    expect(await readdir(join(out, '.convx', 'state', 'tmp'))).toEqual([]);
  });

  it('that fail midway are counted as failures and leave no spill file', async () => {
    await source('long', [...turns(100), JSON.stringify({ boom: true }), ...turns(10)]);
    const out = await newOutput();
    const report = await runSync(options(out, { holdChars: 500 }));
    expect(report.totals).toMatchObject({ new: 1, failed: 1 });
    expect(report.failures[0]?.message).toContain('this session cannot be read');
    expect(await readdir(join(out, '.convx', 'state', 'tmp'))).toEqual([]);
  });

  it('spilled in a dry run write nothing and say what would be written', async () => {
    const out = await newOutput();
    const report = await runSync(options(out, { holdChars: 500, dryRun: true }));
    expect(report.totals.new).toBe(2);
    expect(report.written).toEqual([]);
    expect(report.wouldWrite.filter((p) => p.includes('step-0-refactor-module-0'))).toHaveLength(2);
    expect(await files(out)).toEqual({});
  });

  it('are re-rendered from the spill by a renderer without renderStream', async () => {
    const out = await newOutput();
    const expected = await newOutput();
    await runSync(options(out, { holdChars: 500, renderer: plainRenderer }));
    await runSync(options(expected, { adapters: [fakeAdapter] }));
    expect(await files(out)).toEqual(await files(expected));
  });
});
