import type { Session } from '@convx/core';
import { type ExportFixture, exportFixtures } from '@convx/core/testing';
import { markdownRenderer } from '@convx/render-md';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codexAdapter } from '../src/index.js';
import { home } from './support.js';

// The fixture home through the real engine and Markdown renderer, read back as a user would.
const DIR = 'history/alice/codex/laptop';
const REFUNDS = `${DIR}/work/payments-api/2026-02-11-0830-refunds-over-10-000-eur-fail-with-a-500-find-out-why-and-fix`;
const ROUTER = `${DIR}/code/tinyhttp/2025-05-07-1421-the-router-in-src-router-ts-doesn-t-match-trailing-slashes`;
let fixture: ExportFixture;
let written: string[];

beforeAll(async () => {
  fixture = await exportFixtures({ adapter: codexAdapter, renderer: markdownRenderer, home });
  written = fixture.report.written;
});
afterAll(() => fixture.cleanup());

describe('exported through the engine and render-md', () => {
  it('writes every rollout generation into its project folder, the subagent beside its parent', () => {
    expect(written.filter((p) => p.endsWith('.md')).sort()).toEqual([
      `${DIR}/code/blog/2025-10-03-1622-the-rss-feed-shows-posts-in-the-wrong-order-oldest-first.md`,
      `${DIR}/code/blog/2025-10-21-0755-draft-a-post-outline-about-moving-the-blog-from-jekyll-to.md`,
      `${DIR}/code/dotfiles/2025-09-25-1905-why-does-my-tmux-status-bar-show-the-wrong-battery.md`,
      `${DIR}/code/ledger/2025-08-14-0712-the-csv-export-puts-amounts-like-1-234-50-in-one-column-but.md`,
      `${DIR}/code/ledger/2025-11-19-1247-migrate-the-import-pipeline-from-the-callback-based-csv.md`,
      `${ROUTER}.md`,
      `${DIR}/code/tinyhttp/2026-01-08-1914-port-the-cookie-parser-to-use-the-urlsearchparams-free.md`,
      `${DIR}/code/weather-cli/2025-09-12-0840-add-a-units-flag-metric-imperial-to-the-forecast-command.md`,
      `${DIR}/code/weather-cli/2025-12-02-1005-run-the-integration-tests-against-the-staging-api-and.md`,
      `${REFUNDS}.md`,
      `${REFUNDS}/agent-019c1f31-7b2a-7e10-9c44-5d6e7f8a9b0c.md`,
    ]);
    // The rollout with nothing to export (an empty session) is skipped, not written.
    expect(fixture.report.totals).toMatchObject({ new: 10, skipped: 1, failed: 0 });
  });

  it('shows a session in the clock its file was named by, with its tools, and links the subagent', async () => {
    const md = await fixture.read(`${REFUNDS}.md`);
    expect(md).toContain(
      '`codex` · 2026-02-11 09:30–09:32 UTC+01:00 · `gpt-5.3-codex` · branch `bug/refund-quantize` · `/home/alice/work/payments-api`',
    );
    expect(md).toContain(
      '## User · 09:30\n\nRefunds over 10,000 EUR fail with a 500. Find out why and fix it; the stack trace mentions Decimal quantize.',
    );
    expect(md).toContain('*Thinking redacted: the source kept only an encrypted form.*');
    expect(md).toContain(
      '<summary>Tool: <code>exec_command</code> · uv run pytest -q tests/test_refunds.py -k large · <b>error</b></summary>',
    );
    expect(md).toContain(
      '- [Nova (explorer)](2026-02-11-0830-refunds-over-10-000-eur-fail-with-a-500-find-out-why-and-fix/agent-019c1f31-7b2a-7e10-9c44-5d6e7f8a9b0c.md) (`explorer`)',
    );
    const child = await fixture.read(`${REFUNDS}/agent-019c1f31-7b2a-7e10-9c44-5d6e7f8a9b0c.md`);
    expect(child).toContain('# Subagent: Nova (explorer)');
    expect(child).toContain('parent: "codex:019c1f2e-3a4b-7c5d-8e6f-7a8b9c0d1e2f"');
  });

  it('records the format, the offset and the subagent in the twin', async () => {
    const twin: Session = await fixture.twin(REFUNDS);
    expect(twin.meta).toMatchObject({ format: 'envelope', cliVersion: '0.98.0', utcOffset: '+01:00' });
    expect(twin.children?.map((c) => c.agent)).toEqual([
      { id: '019c1f31-7b2a-7e10-9c44-5d6e7f8a9b0c', type: 'explorer', description: 'Nova' },
    ]);
  });

  it('reads the oldest single-JSON generation too, in UTC when its name tells no clock', async () => {
    const md = await fixture.read(`${ROUTER}.md`);
    expect(md).toContain('`codex` · 2025-05-07 14:21 UTC · `/home/alice/code/tinyhttp`');
    expect(md).toContain(
      "## User\n\nThe router in src/router.ts doesn't match trailing slashes: GET /users/ returns 404. Can you fix it and add a test?",
    );
    expect(md).toContain("<summary>Tool: <code>shell</code> · grep -n 'compile' src/router.ts</summary>");
  });

  it('writes nothing on a second run', async () => {
    expect((await fixture.again()).written).toEqual([]);
  });
});
