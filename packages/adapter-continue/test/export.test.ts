import { fileURLToPath } from 'node:url';
import { type ExportFixture, exportFixtures } from '@convx/core/testing';
import { markdownRenderer } from '@convx/render-md';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { continueAdapter } from '../src/index.js';

// The fixture home through the real engine and Markdown renderer, read back as a user would.
const home = fileURLToPath(new URL('../../../fixtures/home', import.meta.url));
const DIR = 'history/alice/continue/laptop';
let fixture: ExportFixture;

beforeAll(async () => {
  fixture = await exportFixtures({ adapter: continueAdapter, renderer: markdownRenderer, home });
});
afterAll(() => fixture.cleanup());

describe('Continue sessions exported through the engine and render-md', () => {
  it('writes every session file, the one sessions.json misses too (started at its reasoning), into its project folder', () => {
    expect(fixture.report.written.filter((p) => p.endsWith('.md')).sort()).toEqual([
      `${DIR}/_remote/ssh-remote+devbox/code/api/2026-03-17-1015-fix-the-failing-health-check.md`,
      `${DIR}/_unknown-project/2025-10-08-1640-summarize-what-changed-in-the-billing-module-this-week.md`,
      `${DIR}/code/invoice-tool/2024-10-31-1023-parse-invoice-dates-in-both-formats.md`,
      `${DIR}/code/weather-app/2025-06-12-0909-add-retries-to-the-forecast-fetch.md`,
    ]);
  });

  it('2024: string prompts, context items apart, <think> replies split into reasoning and answer', async () => {
    const base = `${DIR}/code/invoice-tool/2024-10-31-1023-parse-invoice-dates-in-both-formats`;
    const md = await fixture.read(`${base}.md`);
    expect(md).toContain('Why does parse_date fail on invoices from the German supplier?');
    expect(md).toContain('The German invoices use `DD.MM.YYYY`');
    expect(md).not.toContain('<think>');
    const twin = await fixture.twin(base);
    expect(twin).toMatchObject({
      cwd: 'C:\\Users\\alice\\code\\invoice-tool',
      models: ['DeepSeek R1 (Ollama)'],
    });
    expect(twin.messages.map((m) => `${m.kind}:${m.role}`)).toEqual([
      'text:user',
      'context:user',
      'thinking:assistant',
      'text:assistant',
      'text:user',
    ]);
    expect(twin.messages[1]).toMatchObject({
      label: 'attached context',
      text: expect.stringContaining('### dates.py'),
    });
    expect(twin.messages[2]).toMatchObject({ text: expect.stringContaining('31.10.2024') });
  });

  it('2025: a title without its <think> text, reasoning, the pasted image saved, the singular tool state paired', async () => {
    const base = `${DIR}/code/weather-app/2025-06-12-0909-add-retries-to-the-forecast-fetch`;
    const md = await fixture.read(`${base}.md`);
    expect(md).toContain('# Add retries to the forecast fetch');
    expect(md).toContain('<summary>Tool: <code>builtin_read_file</code>');
    expect(md).toContain('export async function fetchForecast(city: string)');
    const twin = await fixture.twin(base);
    expect(twin.title).toBe('Add retries to the forecast fetch');
    const image = twin.messages[0]?.kind === 'text' ? twin.messages[0].attachments?.[0] : undefined;
    expect(image).toMatchObject({
      type: 'image/png',
      size: 70,
      file: expect.stringMatching(/^attachments\/[0-9a-f]{16}\.png$/),
    });
    expect(fixture.report.written).toContain(`${base}/${image?.file}`);
    expect(twin.messages[1]).toMatchObject({ kind: 'thinking', timestamp: '2025-06-12T09:09:03.120Z' });
    const calls = twin.messages.filter((m) => m.kind === 'tool-call').map((m) => m.callId);
    const results = twin.messages.filter((m) => m.kind === 'tool-result').map((m) => m.callId);
    expect(calls).toEqual(['call_read_01']);
    expect(results).toEqual(calls);
  });

  it('2026: mode and usage kept, tool messages and errored states paired once, the remote folder named', async () => {
    const base = `${DIR}/_remote/ssh-remote+devbox/code/api/2026-03-17-1015-fix-the-failing-health-check`;
    const twin = await fixture.twin(base);
    expect(twin).toMatchObject({
      cwd: '/home/alice/code/api',
      models: ['GPT-5'],
      meta: {
        mode: 'agent',
        remote: 'ssh-remote+devbox',
        usage: { totalCost: 0.0421, promptTokens: 18234, completionTokens: 912, cachedTokens: 12288 },
      },
    });
    const results = twin.messages.filter((m) => m.kind === 'tool-result');
    expect(results.map((m) => [m.callId, m.isError ?? false])).toEqual([
      ['call_run_02', true],
      ['call_grep_01', false],
    ]);
    const md = await fixture.read(`${base}.md`);
    expect(md).toContain('remote `ssh-remote+devbox`');
    expect(md).toContain('DATABASE_URL is not set');
    expect(md).toContain('Check the handler and the recent diff');
  });

  it('exports an aborted prompt without a reply, and rewrites nothing on a second run', async () => {
    const md = await fixture.read(
      `${DIR}/_unknown-project/2025-10-08-1640-summarize-what-changed-in-the-billing-module-this-week.md`,
    );
    expect(md).toContain('Summarize what changed in the billing module this week');
    const again = await fixture.again();
    expect(again.sources.continue).toMatchObject({ discovered: 4, new: 0, updated: 0, unchanged: 4 });
    expect(again.written).toEqual([]);
  });
});
