import { fileURLToPath } from 'node:url';
import type { Session } from '@convx/core';
import { type ExportFixture, exportFixtures } from '@convx/core/testing';
import { markdownRenderer } from '@convx/render-md';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opencodeAdapter } from '../src/index.js';

// The fixture home (a db and the older storage tree) through the real engine and Markdown renderer.
const home = fileURLToPath(new URL('../../../fixtures/home', import.meta.url));
const DIR = 'history/alice/opencode/laptop/code';
const HOURLY = `${DIR}/weather-app/2026-03-05-1000-add-hourly-forecast-endpoint`;
const CHILD = 'ses_01JNV8RZK9M1N2P3Q4R5S6T7V8';
let fixture: ExportFixture;
let written: string[];

beforeAll(async () => {
  fixture = await exportFixtures({ adapter: opencodeAdapter, renderer: markdownRenderer, home });
  written = fixture.report.written;
});
afterAll(() => fixture.cleanup());

const read = (rel: string) => fixture.read(rel);

describe('exported through the engine and render-md', () => {
  it('writes each session once into its project folder, child sessions beside their parent', () => {
    expect(written.filter((p) => p.endsWith('.md')).sort()).toEqual([
      `${DIR}/dotfiles/2025-09-20-1900-tidy-zsh-startup.md`,
      `${DIR}/dotfiles/2025-09-20-1900-tidy-zsh-startup/agent-ses_01HXQ3N9Z8Y7X6W5V4T3S2R1Q0.md`,
      `${DIR}/ledger/2026-03-12-0815-what-does-ledger-reconcile-do.md`,
      `${HOURLY}.md`,
      `${HOURLY}/agent-${CHILD}.md`,
    ]);
  });

  it('shows the prompt with its file, reasoning, paired tools, the patch and the abort; links the subagent', async () => {
    const md = await read(`${HOURLY}.md`);
    expect(md).toContain(
      '## User · 10:00\n\nAdd a /forecast/hourly endpoint that returns the next 24 hours.',
    );
    // The pasted mockup (a data URL in the database) is saved beside the transcript and shown.
    const mockup = written.find((p) => p.startsWith(`${HOURLY}/attachments/`) && p.endsWith('.png'));
    const href = mockup?.slice(mockup.lastIndexOf('/', mockup.lastIndexOf('/attachments/') - 1) + 1);
    expect(md).toContain(`- Attachment: [\`mockup.png\`](${href}) · image/png`);
    expect(md).toContain(`  ![mockup.png](${href})`);
    expect(md).toContain(
      'Routes are registered centrally; I should find the registry before adding a handler.',
    );
    expect(md).toContain('<summary>Tool: <code>bash</code> · npm test -- hourly · <b>error</b>');
    expect(md).toContain('- /home/alice/code/weather-app/src/routes/hourly.ts');
    expect(md).toContain('The operation was aborted.');
    expect(md).toContain(
      `↳ Subagent: [Find route registration](2026-03-05-1000-add-hourly-forecast-endpoint/agent-${CHILD}.md) (\`explore\`)`,
    );
    const child = await read(`${HOURLY}/agent-${CHILD}.md`);
    expect(child).toContain('Routes are registered in src/routes/index.ts.');
    const twin = JSON.parse(
      await read(`${DIR}/weather-app/.2026-03-05-1000-add-hourly-forecast-endpoint.json`),
    ) as Session;
    expect(twin).toMatchObject({
      cwd: '/home/alice/code/weather-app',
      startedAt: '2026-03-05T10:00:00.000Z',
    });
    const results = new Set(twin.messages.flatMap((m) => (m.kind === 'tool-result' ? [m.callId] : [])));
    const calls = twin.messages.flatMap((m) => (m.kind === 'tool-call' ? [m.callId] : []));
    // The README edit was still running when the turn was aborted: the only call without a result.
    expect(calls.filter((id) => !results.has(id))).toHaveLength(1);
    expect(calls.length).toBeGreaterThanOrEqual(4);
  });

  it('rewrites nothing on a second run', async () => {
    const again = await fixture.again();
    expect(again.sources.opencode).toMatchObject({ discovered: 3, new: 0, updated: 0, unchanged: 3 });
    expect(again.written).toEqual([]);
  });
});
