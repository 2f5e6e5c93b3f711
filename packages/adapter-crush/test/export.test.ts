import { fileURLToPath } from 'node:url';
import { type ExportFixture, exportFixtures } from '@convx/core/testing';
import { markdownRenderer } from '@convx/render-md';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crushAdapter } from '../src/index.js';

// The fixture home through the real engine and Markdown renderer, read back as a user would.
const home = fileURLToPath(new URL('../../../fixtures/home', import.meta.url));
const DIR = 'history/alice/crush/laptop/code';
const WEATHER = `${DIR}/weather-app/2025-12-29-1000-cache-forecasts-per-day`;
let fixture: ExportFixture;

beforeAll(async () => {
  fixture = await exportFixtures({ adapter: crushAdapter, renderer: markdownRenderer, home });
});
afterAll(() => fixture.cleanup());

describe('Crush exported through the engine and render-md', () => {
  it('finds each project by walking the home, names sessions by their cleaned titles', () => {
    expect(fixture.report.failures).toEqual([]);
    expect(fixture.report.written.filter((p) => p.endsWith('.md')).sort()).toEqual([
      `${DIR}/ledger/2025-05-01-0900-sum-the-ledger-by-month.md`,
      `${DIR}/todo-cli/2025-08-01-0800-add-a-json-output-flag.md`,
      `${DIR}/todo-cli/2025-08-01-0900-run-the-whole-test-suite.md`,
      `${WEATHER}.md`,
      `${WEATHER}/agent-call_agent_7Qk2.md`,
    ]);
  });

  it('reads a session held only in the write-ahead log: times in seconds, tools paired, the subagent nested', async () => {
    const md = await fixture.read(`${WEATHER}.md`);
    expect(md).toContain(
      '## User · 10:00\n\nForecasts are fetched on every page view. Cache them per day, see the profile.',
    );
    expect(md).toContain('![profile.png](');
    expect(md).toContain(
      '↳ Subagent: [Find every place that fetches the forecast API](2025-12-29-1000-cache-forecasts-per-day/agent-call_agent_7Qk2.md) (`agent`)',
    );
    expect(md).toContain('old_string not found in file');
    expect(md).toContain('> **⛔ Error** · 10:05 — Overloaded: anthropic: 529');
    const twin = await fixture.twin(WEATHER);
    expect(twin).toMatchObject({
      title: 'Cache forecasts per day',
      cwd: `${home}/code/weather-app`,
      startedAt: '2025-12-29T10:00:00.000Z',
      endedAt: '2025-12-29T10:05:20.000Z',
      meta: {
        schema: 20260127000000,
        providers: ['anthropic'],
        promptTokens: 21400,
        completionTokens: 1290,
        cost: 0.083,
      },
    });
    const calls = twin.messages.flatMap((m) => (m.kind === 'tool-call' ? [m.callId] : []));
    const results = twin.messages.flatMap((m) => (m.kind === 'tool-result' ? [m.callId] : []));
    expect(results).toEqual(calls);
    expect(twin.messages.find((m) => m.kind === 'context')).toMatchObject({
      label: 'summary',
      text: expect.stringContaining('Summary so far'),
    });
    expect(twin.children?.[0]).toMatchObject({
      sessionId: 'call_agent_7Qk2',
      agent: {
        id: 'call_agent_7Qk2',
        type: 'agent',
        description: 'Find every place that fetches the forecast API',
      },
      models: ['claude-haiku-4-5'],
    });
  });

  it('drops the <think> text and the placeholder from titles, and turns a cancelled turn into an abort', async () => {
    const json = await fixture.twin(`${DIR}/todo-cli/2025-08-01-0800-add-a-json-output-flag`);
    expect(json.title).toBe('Add a --json output flag');
    expect(json.messages.find((m) => m.kind === 'thinking')).toMatchObject({
      text: 'Find the list command first.',
    });
    const cancelled = await fixture.twin(`${DIR}/todo-cli/2025-08-01-0900-run-the-whole-test-suite`);
    expect(cancelled.title).toBeUndefined();
    expect(cancelled.messages.map((m) => (m.kind === 'event' ? m.event : m.kind))).toEqual([
      'text',
      'tool-call',
      'abort',
      'tool-result',
    ]);
  });

  it('writes nothing on a second run', async () => {
    const again = await fixture.again();
    expect(again.sources.crush).toMatchObject({ discovered: 4, unchanged: 4 });
    expect(again.written).toEqual([]);
  });
});
