import { fileURLToPath } from 'node:url';
import { type ExportFixture, exportFixtures } from '@convx/core/testing';
import { markdownRenderer } from '@convx/render-md';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qwenAdapter } from '../src/index.js';

// The fixture home through the real engine and Markdown renderer, read back as a user would.
const home = fileURLToPath(new URL('../../../fixtures/home', import.meta.url));
const DIR = 'history/alice/qwen/laptop';
const LEDGER = `${DIR}/code/ledger/2026-05-11-0830-find-duplicate-ledger-entries`;
let fixture: ExportFixture;

beforeAll(async () => {
  fixture = await exportFixtures({ adapter: qwenAdapter, renderer: markdownRenderer, home });
});
afterAll(() => fixture.cleanup());

describe('Qwen Code sessions exported through the engine and render-md', () => {
  it('writes each session into its project folder, the subagent beside its parent', () => {
    expect(fixture.report.written.filter((p) => p.endsWith('.md')).sort()).toEqual([
      `${DIR}/code/ledger/2026-05-11-0830-find-duplicate-ledger-entries.md`,
      `${LEDGER}/agent-explore-7f3c.md`,
      `${DIR}/code/ledger/2026-05-12-1944-add-a-since-flag-to-the-import-command.md`,
      `${DIR}/code/weather-app/2025-12-04-1402-why-do-the-unit-tests-for-the-wind-chill-helper-fail-on-ci.md`,
    ]);
  });

  it('0.5: prompt, paired tool call, answer, a compression event and the token totals', async () => {
    const base = `${DIR}/code/weather-app/2025-12-04-1402-why-do-the-unit-tests-for-the-wind-chill-helper-fail-on-ci`;
    const twin = await fixture.twin(base);
    expect(twin).toMatchObject({
      cwd: '/home/alice/code/weather-app',
      gitBranch: 'main',
      models: ['coder-model'],
      startedAt: '2025-12-04T14:02:11.204Z',
      meta: {
        version: '0.5.1',
        projectDir: '-home-alice-code-weather-app',
        tokens: { promptTokens: 23974, outputTokens: 122, thoughtsTokens: 0, cachedTokens: 9216 },
      },
    });
    expect(twin.messages.map((m) => m.kind)).toEqual([
      'text',
      'text',
      'tool-call',
      'tool-result',
      'text',
      'event',
    ]);
    expect(twin.messages[5]).toMatchObject({ event: 'compaction', text: '24260 → 3120 tokens' });
    const md = await fixture.read(`${base}.md`);
    expect(md).toContain('<summary>Tool: <code>read_file</code>');
    expect(md).toContain('export const windChill');
  });

  it('0.14: title record, thoughts, the image saved, the API error as an event, the subagent as a child', async () => {
    const twin = await fixture.twin(LEDGER);
    expect(twin.title).toBe('Find duplicate ledger entries');
    expect(twin.gitBranch).toBe('feat/dedupe');
    expect(
      twin.messages.map((m) => (m.kind === 'event' ? `event:${m.event}` : `${m.kind}:${m.role}`)),
    ).toEqual([
      'context:user',
      'text:user',
      'thinking:assistant',
      'tool-call:assistant',
      'tool-result:tool',
      'event:error',
      'text:assistant',
      'event:info',
    ]);
    expect(twin.messages[0]).toMatchObject({
      label: 'referenced files',
      text: '@data/ledger.csv\n- data/ledger.csv',
    });
    const prompt = twin.messages[1];
    expect(prompt?.kind === 'text' && prompt.attachments?.[0]).toMatchObject({ type: 'image/png', size: 70 });
    expect(twin.messages[5]).toMatchObject({
      text: 'Rate limit exceeded, retrying in 4s (qwen3-coder-plus, status 429, rate_limit)',
    });
    expect(twin.messages[7]).toMatchObject({ text: '/compress' });
    const child = twin.children?.[0];
    expect(child).toMatchObject({
      key: `qwen:9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d-explore-7f3c`,
      agent: { id: 'explore-7f3c', type: 'Explore' },
      models: ['qwen3-coder-flash'],
    });
    expect(child?.messages.map((m) => m.kind)).toEqual(['text', 'tool-call', 'tool-result', 'text']);
    const md = await fixture.read(`${LEDGER}.md`);
    expect(md).toContain('agent-explore-7f3c.md');
    expect(md).toContain('Rows 41 and 57 are duplicates');
  });

  it('exports a prompt that got no reply, with the error that stopped it; a second run writes nothing', async () => {
    const twin = await fixture.twin(
      `${DIR}/code/ledger/2026-05-12-1944-add-a-since-flag-to-the-import-command`,
    );
    expect(twin.messages).toMatchObject([
      { kind: 'text', role: 'user', text: 'Add a --since flag to the import command' },
      { kind: 'event', event: 'error', text: expect.stringContaining('Free allocated quota exceeded.') },
    ]);
    const again = await fixture.again();
    expect(again.sources.qwen).toMatchObject({ discovered: 3, new: 0, updated: 0, unchanged: 3 });
    expect(again.written).toEqual([]);
  });
});
