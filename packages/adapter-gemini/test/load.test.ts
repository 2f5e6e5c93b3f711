import { fileURLToPath } from 'node:url';
import {
  createAdapterContext,
  discoveredRefs,
  type Message,
  memoryCache,
  type Session,
  type SessionRef,
} from '@convx/core';
import { describe, expect, it } from 'vitest';
import geminiDefault, { type GeminiRefData, geminiAdapter } from '../src/index.js';

const home = fileURLToPath(new URL('../../../fixtures/home', import.meta.url));
const WEATHER = '3f1c9a2e-5b7d-4c21-9e8a-0d4b6f2a7c11';
const JSONL = '9c8b7a65-4321-4fed-b0a9-876543210fed';
const LEDGER = '5d6e7f80-1a2b-4c3d-9e8f-a1b2c3d4e5f6';
const UNKNOWN = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const ORPHAN = 'e1e2e3e4-f5f6-4a7b-8c9d-0e1f2a3b4c5d';

async function discover(ctx = createAdapterContext({ home })): Promise<SessionRef<GeminiRefData>[]> {
  const locations = geminiAdapter.defaultLocations({ home, env: {}, platform: process.platform });
  return discoveredRefs(geminiAdapter.discover(ctx, locations));
}

async function loadAll(): Promise<Map<string, Session>> {
  const out = new Map<string, Session>();
  for (const ref of await discover())
    out.set(ref.sessionId, await geminiAdapter.load(createAdapterContext({ home }), ref));
  return out;
}

function describeMessage(m: Message): string {
  switch (m.kind) {
    case 'text':
    case 'thinking':
    case 'context':
      return `${m.kind}:${m.role}:${m.text}`;
    case 'tool-call':
      return `call:${m.name}:${m.callId}`;
    case 'tool-result':
      return `result:${m.name}:${m.isError ? 'error' : 'ok'}:${m.output}`;
    case 'event':
      return `event:${m.event}:${m.text ?? ''}`;
  }
}

const summary = (messages: Message[]) => messages.map(describeMessage);

describe('gemini adapter', () => {
  it('is the default and the named export', () => {
    expect(geminiDefault).toBe(geminiAdapter);
    expect(geminiAdapter.name).toBe('gemini');
  });

  it('discovers top-level sessions only, with subagents nested and the orphan standalone', async () => {
    const refs = await discover();
    expect(refs.map((r) => r.sessionId).sort()).toEqual([UNKNOWN, WEATHER, LEDGER, JSONL, ORPHAN].sort());
  });

  it('reads an old JSON chat: texts, thinking, tool pairs with errors, events, title and project', async () => {
    const s = (await loadAll()).get(WEATHER);
    expect(s?.title).toBe('Fix stale forecast cache key');
    expect(s?.cwd).toBe('/home/alice/code/weather-app');
    expect(s?.models).toEqual(['gemini-2.5-pro']);
    expect(s?.startedAt).toBe('2025-11-03T09:12:03.902Z');
    expect(summary(s?.messages ?? [])).toEqual([
      "text:user:Why does the forecast page show yesterday's temperature?",
      'thinking:assistant:**Locating the cache**\n\nThe stale value suggests a cache keyed without the date; I should read the forecast service first.',
      'text:assistant:Let me look at how the forecast is cached.',
      'call:read_file:read_file-1762161129440-a81f',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source code quoted in the fixture
      'result:read_file:ok:export function cacheKey(city: string) {\n  return `forecast:${city}`;\n}\n',
      'call:run_shell_command:run_shell_command-1762161130001-77c2',
      'result:run_shell_command:error:Command exited with code 1: 1 failing test (cache key ignores date)',
      'event:info:Request cancelled by a slow network; retrying.',
      "text:assistant:The cache key ignores the date, so yesterday's entry is reused. I added the ISO date to the key.",
      'call:replace:replace-1762161280010-0c9d',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source code quoted in the fixture
      'result:replace:ok:--- cache.ts\n+++ cache.ts\n-  return `forecast:${city}`;\n+  return `forecast:${city}:${day}`;\n',
      'event:warning:You are approaching the daily request limit.',
    ]);
    const call = s?.messages.find((m) => m.kind === 'tool-call' && m.name === 'run_shell_command');
    expect(call).toMatchObject({ input: { command: 'npm test -- forecast' }, model: 'gemini-2.5-pro' });
  });

  it('nests the subagent and skill-extraction chats under their parent', async () => {
    const s = (await loadAll()).get(WEATHER);
    expect(s?.children?.map((c) => [c.sessionId, c.agent?.type, c.title])).toEqual([
      ['7e2d4c88-90ab-4f3e-a1c5-6b7d8e9f0a12', 'subagent', 'Investigate cache usages'],
      ['b4a1e0f2-3c5d-4e6f-8a9b-0c1d2e3f4a5b', 'skill-extraction', undefined],
    ]);
    expect(summary(s?.children?.[0]?.messages ?? [])).toEqual([
      'text:user:Find every caller of cacheKey() in src/.',
      'text:assistant:cacheKey() is called from src/forecast/service.ts and src/forecast/prefetch.ts.',
    ]);
    expect(s?.children?.[1]?.cwd).toBe('/home/alice/code/weather-app');
  });

  it('exports a subagent chat whose parent is unknown as a standalone session', async () => {
    const s = (await loadAll()).get(ORPHAN);
    expect(s?.agent).toEqual({ id: ORPHAN, type: 'subagent' });
    expect(s?.cwd).toBeUndefined();
    expect(s?.messages.map((m) => m.kind === 'text' && m.text)).toEqual([
      'List the columns of sales.csv.',
      'Columns: date, region, amount.',
    ]);
  });

  it('reads JSONL chats: $set rows, a rewritten turn upserted by id, a malformed line counted', async () => {
    const s = (await loadAll()).get(JSONL);
    expect(s?.title).toBe('Add a units flag to the CLI');
    expect(s?.endedAt).toBe('2026-04-02T16:01:30.000Z');
    expect(summary(s?.messages ?? [])).toEqual([
      'text:user:Add a --units flag to the CLI (metric or imperial).',
      'thinking:assistant:**Flag parsing**\n\nThe CLI uses yargs; a choices option keeps validation in one place.',
      'text:assistant:I added a --units flag that accepts metric or imperial and defaults to metric.',
      'call:write_file:write_file-1775145610000-1a2b',
      'result:write_file:ok:Successfully created and wrote to new file: /home/alice/code/weather-app/src/cli/options.ts.',
      'event:error:[API Error: 503 The model is overloaded. Please try again later.]',
    ]);
    expect(s?.diagnostics).toEqual([expect.objectContaining({ code: 'malformed-line', line: 5, count: 1 })]);
  });

  it('merges a session saved in two files, de-duplicated by message id, latest save winning', async () => {
    const s = (await loadAll()).get(LEDGER);
    expect(s?.cwd).toBe('/home/alice/code/ledger');
    expect(s?.title).toBe('Find duplicate ledger entries');
    expect(s?.sourceLocation.extraPaths).toHaveLength(1);
    expect(summary(s?.messages ?? [])).toEqual([
      'text:user:Summarise the March ledger and flag duplicate transactions.',
      'text:assistant:Reading the ledger file.',
      'call:read_file:read_file-1770732140000-9f00',
      'result:read_file:ok:date,amount,memo\n2026-03-01,-42.00,Groceries\n2026-03-01,-42.00,Groceries\n',
      'text:assistant:March has one duplicate: two -42.00 grocery entries on 2026-03-01.',
      'text:user:Remove the duplicate.',
    ]);
    const prompt = s?.messages[0];
    expect(prompt?.kind === 'text' && prompt.attachments).toEqual([
      { type: 'image/png', size: 70, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
  });

  it('keeps a session of an unknown project, without a cwd', async () => {
    const s = (await loadAll()).get(UNKNOWN);
    expect(s?.cwd).toBeUndefined();
    expect(s?.title).toBeUndefined();
    expect(s?.messages).toHaveLength(2);
  });

  it('never reads logs.json as a transcript', async () => {
    const all = JSON.stringify([...(await loadAll()).values()]);
    expect(all).not.toContain('LOGS-ONLY PROMPT');
    const refs = await discover();
    expect(refs.flatMap((r) => r.files ?? []).some((f) => f.endsWith('logs.json'))).toBe(false);
  });

  it('caches what it peeks from each file, so a warm discovery only stats', async () => {
    const store = memoryCache();
    let misses = 0;
    const cache = {
      get: (key: string) => {
        const value = store.get(key);
        if (value === undefined) misses++;
        return value;
      },
      set: store.set,
    };
    const cold = await discover(createAdapterContext({ home, cache }));
    expect(misses).toBeGreaterThanOrEqual(8);
    misses = 0;
    const warm = await discover(createAdapterContext({ home, cache }));
    expect(misses).toBe(0);
    expect(warm.map((r) => r.fingerprint)).toEqual(cold.map((r) => r.fingerprint));
  });
});
