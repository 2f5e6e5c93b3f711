import { fileURLToPath } from 'node:url';
import { type ExportFixture, exportFixtures } from '@convx/core/testing';
import { markdownRenderer } from '@convx/render-md';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clineAdapter, kiloAdapter, rooAdapter } from '../src/index.js';

// The fixture home through the real engine and Markdown renderer, read back as a user would.
const home = fileURLToPath(new URL('../../../fixtures/home', import.meta.url));
const env = { XDG_CONFIG_HOME: `${home}/.config` };
const CLINE = 'history/alice/cline/laptop';
const WEATHER = `${CLINE}/code/weather-app/2025-06-20-0940-the-forecast-test-fails-since-the-date-change-see-the`;
let cline: ExportFixture;
let roo: ExportFixture;
let kilo: ExportFixture;

beforeAll(async () => {
  cline = await exportFixtures({ adapter: clineAdapter, renderer: markdownRenderer, home, env });
  roo = await exportFixtures({ adapter: rooAdapter, renderer: markdownRenderer, home, env });
  kilo = await exportFixtures({ adapter: kiloAdapter, renderer: markdownRenderer, home, env });
});
afterAll(async () => {
  for (const f of [cline, roo, kilo]) await f?.cleanup();
});

const markdown = (f: ExportFixture) => f.report.written.filter((p) => p.endsWith('.md')).sort();

describe('Cline exported through the engine and render-md', () => {
  it('finds every generation in its default locations, each in its project folder', () => {
    expect(cline.report.failures).toEqual([]);
    expect(markdown(cline)).toEqual([
      `${CLINE}/_unknown-project/2026-01-22-0348-why-is-the-release-workflow-skipped-on-tags.md`,
      `${CLINE}/code/todo-cli/2024-09-12-1000-add-a-verbose-flag-to-the-cli-in-src-cli-ts.md`,
      `${CLINE}/code/todo-cli/2026-01-20-0906-list-the-todo-comments-in-src-and-count-them.md`,
      `${CLINE}/code/todo-cli/2026-05-12-1400-rename-the-package-to-todo-kit.md`,
      `${CLINE}/code/todo-cli/2026-05-12-1400-rename-the-package-to-todo-kit/agent-sess_01JX2Q5B0M3K9T.md`,
      `${WEATHER}.md`,
    ]);
  });

  it('shows typed words as the person, pairs text results with their calls, and ends with the completion', async () => {
    const md = await cline.read(`${WEATHER}.md`);
    expect(md).toContain(
      '## User · 09:40\n\nThe forecast test fails since the date change, see the screenshot. Fix it.',
    );
    expect(md).toContain('![image/png](');
    expect(md).toContain('<summary>Tool: <code>execute_command</code> · npm test -- forecast</summary>');
    expect(md).toContain('Expected "2025-06-20", received "2025-06-19"');
    expect(md).toContain(
      'Should the cache key use the local date or UTC?\n\n- Local date\n- UTC\n\n## User · 09:40\n\nUTC',
    );
    expect(md).toContain('## User · 09:41\n\nAlso keep the old key readable for one release.');
    expect(md).toContain('The cache key now uses the UTC date; the old key is still read for one release.');
    expect(md).not.toContain('environment_details');
    expect(md).not.toContain('<task>');
    expect(md).not.toContain('attempt_completion');

    const twin = await cline.twin(WEATHER);
    const calls = twin.messages.flatMap((m) => (m.kind === 'tool-call' ? [`${m.name}:${m.callId}`] : []));
    const results = twin.messages.flatMap((m) => (m.kind === 'tool-result' ? [`${m.name}:${m.callId}`] : []));
    expect(calls).toEqual(['execute_command:tool-1', 'replace_in_file:tool-3']);
    expect(results).toEqual(calls);
    expect(
      twin.messages.filter((m) => m.kind === 'context').map((m) => m.kind === 'context' && m.label),
    ).toEqual(Array(5).fill('environment details'));
    expect(twin).toMatchObject({
      cwd: '/home/alice/code/weather-app',
      startedAt: '2025-06-20T09:40:00.000Z',
      endedAt: '2025-06-20T09:42:06.000Z',
      models: ['claude-sonnet-4-20250514'],
      meta: {
        extension: 'saoudrizwan.claude-dev',
        store: 'tasks',
        tokensIn: 15670,
        tokensOut: 348,
        cost: 0.052,
      },
    });
  });

  it('exports a task that has only its UI messages', async () => {
    const md = await cline.read(
      `${CLINE}/_unknown-project/2026-01-22-0348-why-is-the-release-workflow-skipped-on-tags.md`,
    );
    expect(md).toContain('## User · 03:48\n\nWhy is the release workflow skipped on tags?');
    expect(md).toContain('The workflow filter probably only lists branches.');
    expect(md).toContain('<summary>Tool: <code>readFile</code> · .github/workflows/release.yml</summary>');
    expect(md).toContain('The `on.push` filter lists only `branches`, so tag pushes never match.');
    expect(md).toContain('Cline is having trouble. Request cancelled.');
  });

  it('reads the SDK store with its subagent nested, and writes nothing on a second run', async () => {
    const md = await cline.read(`${CLINE}/code/todo-cli/2026-05-12-1400-rename-the-package-to-todo-kit.md`);
    expect(md).toContain('# Rename the package to todo-kit');
    expect(md).toContain('sed: README.md: Permission denied');
    expect(md).toContain('(`subagent`)');
    const again = await cline.again();
    expect(again.sources.cline).toMatchObject({ discovered: 5, unchanged: 5 });
    expect(again.written).toEqual([]);
  });
});

describe('Roo Code and Kilo Code exported through the engine', () => {
  it('nests a Roo subtask under the task that delegated it', async () => {
    const base =
      'history/alice/roo/laptop/code/weather-app/2026-03-09-1630-add-a-units-setting-metric-imperial-to-the-forecast-page';
    expect(markdown(roo)).toEqual([
      'history/alice/roo/laptop/code/ledger/2025-06-03-0815-make-the-totals-line-use-two-decimals.md',
      `${base}.md`,
      `${base}/agent-9e4a1b3c-6d8f-4a2e-b5c7-0f1e2d3c4b5a.md`,
    ]);
    const parent = await roo.read(`${base}.md`);
    expect(parent).toContain('Subtask completed: units toggle added and wired into ForecastView.');
    expect(parent).toContain('Units can now be switched between metric and imperial in the settings.');
    const twin = await roo.twin(base);
    expect(twin.children?.[0]?.agent).toEqual({
      id: '9e4a1b3c-6d8f-4a2e-b5c7-0f1e2d3c4b5a',
      type: 'code',
      description: 'Add a units toggle to src/settings.ts and thread it through the forecast view',
    });
  });

  it('keeps the Kilo task under its own source name, cwd and model from the environment details', async () => {
    const base =
      'history/alice/kilo/laptop/code/ledger/2025-09-22-1105-how-many-rows-in-ledger-csv-are-duplicates';
    expect(markdown(kilo)).toEqual([`${base}.md`]);
    const twin = await kilo.twin(base);
    expect(twin).toMatchObject({
      source: 'kilo',
      cwd: '/home/alice/code/ledger',
      models: ['z-ai/glm-4.5-air:free'],
    });
    const md = await kilo.read(`${base}.md`);
    expect(md).toContain('2 | 2025-09-01,12.00');
    expect(md).toContain('One row is a duplicate: 2025-09-01,12.00 appears twice.');
  });
});
