import { fileURLToPath } from 'node:url';
import type { Session } from '@convx/core';
import { type ExportFixture, exportFixtures } from '@convx/core/testing';
import { markdownRenderer } from '@convx/render-md';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geminiAdapter } from '../src/index.js';

// The fixture home through the real engine and Markdown renderer, read back as a user would.
const home = fileURLToPath(new URL('../../../fixtures/home', import.meta.url));
const DIR = 'history/alice/gemini/laptop';
const WEATHER = `${DIR}/code/weather-app/2025-11-03-0912-fix-stale-forecast-cache-key`;
let fixture: ExportFixture;
let written: string[];

beforeAll(async () => {
  fixture = await exportFixtures({ adapter: geminiAdapter, renderer: markdownRenderer, home });
  written = fixture.report.written;
});
afterAll(() => fixture.cleanup());

const read = (rel: string) => fixture.read(rel);

describe('exported through the engine and render-md', () => {
  it('writes each session into its project folder, unknown projects kept, children beside their parent', () => {
    expect(written.filter((p) => p.endsWith('.md')).sort()).toEqual([
      `${DIR}/_unknown-project/2025-12-19-0830-convert-sales-csv-to-json-lines.md`,
      `${DIR}/_unknown-project/2025-12-19-0900-list-the-columns-of-sales-csv.md`,
      `${DIR}/code/ledger/2026-02-10-1402-find-duplicate-ledger-entries.md`,
      `${WEATHER}.md`,
      `${WEATHER}/agent-7e2d4c88-90ab-4f3e-a1c5-6b7d8e9f0a12.md`,
      `${WEATHER}/agent-b4a1e0f2-3c5d-4e6f-8a9b-0c1d2e3f4a5b.md`,
      `${DIR}/code/weather-app/2026-04-02-1600-add-a-units-flag-to-the-cli.md`,
    ]);
  });

  it('shows the prompt, thoughts, paired tool calls and events, and links both subagents', async () => {
    const md = await read(`${WEATHER}.md`);
    expect(md).toContain("## User · 09:12\n\nWhy does the forecast page show yesterday's temperature?");
    expect(md).toContain('**Locating the cache**');
    expect(md).toContain(
      '<summary>Tool: <code>run_shell_command</code> · npm test -- forecast · <b>error</b>',
    );
    expect(md).toContain('Command exited with code 1: 1 failing test (cache key ignores date)');
    expect(md).toContain('Request cancelled by a slow network; retrying.');
    expect(md).toContain(
      '- [Investigate cache usages](2025-11-03-0912-fix-stale-forecast-cache-key/agent-7e2d4c88-90ab-4f3e-a1c5-6b7d8e9f0a12.md) (`subagent`)',
    );
    const child = await read(`${WEATHER}/agent-7e2d4c88-90ab-4f3e-a1c5-6b7d8e9f0a12.md`);
    expect(child).toContain(
      '↩ Spawned by [Fix stale forecast cache key](../2025-11-03-0912-fix-stale-forecast-cache-key.md)',
    );
    const twin = JSON.parse(
      await read(`${DIR}/code/weather-app/.2025-11-03-0912-fix-stale-forecast-cache-key.json`),
    ) as Session;
    expect(twin).toMatchObject({
      cwd: '/home/alice/code/weather-app',
      startedAt: '2025-11-03T09:12:03.902Z',
      endedAt: '2025-11-03T09:16:41.530Z',
    });
    const calls = twin.messages.flatMap((m) => (m.kind === 'tool-call' ? [m.callId] : []));
    const results = twin.messages.flatMap((m) => (m.kind === 'tool-result' ? [m.callId] : []));
    expect(calls).toHaveLength(3);
    expect(results).toEqual(calls);
  });

  it('merges the two saves of a session into one file, and rewrites nothing on a second run', async () => {
    const md = await read(`${DIR}/code/ledger/2026-02-10-1402-find-duplicate-ledger-entries.md`);
    expect(md.match(/Reading the ledger file\./g)).toHaveLength(1);
    expect(md).toContain('Remove the duplicate.');
    const again = await fixture.again();
    expect(again.sources.gemini).toMatchObject({ discovered: 5, new: 0, updated: 0, unchanged: 5 });
    expect(again.written).toEqual([]);
  });
});
