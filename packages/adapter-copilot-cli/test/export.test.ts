import { fileURLToPath } from 'node:url';
import { type ExportFixture, exportFixtures } from '@convx/core/testing';
import { markdownRenderer } from '@convx/render-md';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copilotCliAdapter } from '../src/index.js';

// The fixture home through the real engine and Markdown renderer, read back as a user would.
const home = fileURLToPath(new URL('../../../fixtures/home', import.meta.url));
const DIR = 'history/alice/copilot-cli/laptop';
const HISTORY = `${DIR}/_unknown-project/2025-10-01-0840-which-tests-fail-in-tests-test-units-py`;
const LOG = `${DIR}/_unknown-project/2025-12-04-1602-convert-notes-txt-to-markdown-headings`;
const WEBHOOK = `${DIR}/work/payments-api/2026-03-17-1015-retry-failed-stripe-webhook-deliveries`;
const FEED = `${DIR}/code/blog/2026-06-08-1930-keep-drafts-out-of-the-rss-feed`;
let fixture: ExportFixture;

beforeAll(async () => {
  fixture = await exportFixtures({ adapter: copilotCliAdapter, renderer: markdownRenderer, home });
});
afterAll(() => fixture.cleanup());

describe('Copilot CLI fixtures exported through the engine and render-md', () => {
  it('writes every generation into its project folder, subagents beside their parent', () => {
    expect(fixture.report.written.filter((p) => p.endsWith('.md')).sort()).toEqual([
      `${HISTORY}.md`,
      `${LOG}.md`,
      `${FEED}.md`,
      `${FEED}/agent-call_task_rss.md`,
      `${WEBHOOK}.md`,
      `${WEBHOOK}/agent-toolu_task1.md`,
    ]);
    // The folder holding only workspace.yaml is counted, as skipped.
    expect(fixture.report.sources['copilot-cli']).toMatchObject({ discovered: 5, new: 4, skipped: 1 });
  });

  it('shows only what the person typed, never transformedContent, the clock tail or the system prompt', async () => {
    const md = await fixture.read(`${WEBHOOK}.md`);
    expect(md).toContain(
      '## User · 10:15\n\nWhy does the Stripe webhook handler give up after one failed delivery? Add retries with backoff.\n',
    );
    expect(md).not.toContain('current_datetime');
    expect(md).not.toContain('sql_tables');
    expect(md).not.toContain('You are the GitHub Copilot CLI');
    const log = await fixture.read(`${LOG}.md`);
    expect(log).toContain('## User · 16:02\n\nConvert notes.txt to Markdown headings\n');
    expect(log).not.toContain('current_datetime');
    const history = await fixture.read(`${HISTORY}.md`);
    expect(history).toContain('Which tests fail in @tests/test_units.py?');
    expect(history).not.toContain('<reminder>');
  });

  it('pairs tool requests with their executions, errors flagged, and shows reasoning once', async () => {
    const md = await fixture.read(`${WEBHOOK}.md`);
    expect(md.match(/The handler probably catches the error/g)).toHaveLength(1);
    expect(md).toContain('<summary>Tool: <code>bash</code> · npm test -- webhooks · <b>error</b></summary>');
    expect(md).toContain('**Error**\n\n```\nCommand failed with exit code 1: 2 failing (webhook retry)\n```');
    expect(md).toContain('2.   try { await apply(event); } catch { /* ignore */ }');
    const twin = await fixture.twin(WEBHOOK);
    const calls = twin.messages.flatMap((m) => (m.kind === 'tool-call' ? [m.callId] : []));
    const results = twin.messages.flatMap((m) => (m.kind === 'tool-result' ? [m.callId] : []));
    expect(calls).toEqual(['toolu_view1', 'toolu_bash1', 'toolu_task1']);
    expect(results).toEqual(calls);
    expect(twin).toMatchObject({
      title: 'Retry failed Stripe webhook deliveries',
      cwd: '/home/alice/work/payments-api',
      gitBranch: 'fix/webhook-retry',
      startedAt: '2026-03-17T10:15:02.511Z',
      endedAt: '2026-03-17T10:16:40.000Z',
      models: ['claude-sonnet-4.5', 'gpt-5', 'claude-haiku-4.5'],
      meta: { format: 'session-folder', copilotVersion: '1.0.10', premiumRequests: 3 },
    });
  });

  it('shows model changes, errors and aborts as events', async () => {
    const md = await fixture.read(`${WEBHOOK}.md`);
    expect(md).toContain('> **ℹ Info** · 10:16 — Model changed from claude-sonnet-4.5 to gpt-5');
    expect(md).toContain(
      '> **⛔ Error** · 10:16 — You have exceeded your premium request allowance. Try again in 20 minutes.',
    );
    expect(await fixture.read(`${LOG}.md`)).toContain('> **⏹ Aborted** · 16:03 — Aborted (user initiated)');
  });

  it('nests subagents under the call that started them, by parentToolCallId and by agentId', async () => {
    const md = await fixture.read(`${WEBHOOK}.md`);
    expect(md).toContain(
      '↳ Subagent: [Find swallowed webhook errors](2026-03-17-1015-retry-failed-stripe-webhook-deliveries/agent-toolu_task1.md) (`explore`)',
    );
    const child = await fixture.read(`${WEBHOOK}/agent-toolu_task1.md`);
    expect(child).toContain('<summary>Tool: <code>grep</code> · src</summary>');
    expect(child).toContain('Two callers: `src/webhooks/stripe.ts:2` swallows errors');
    expect(md).not.toContain('<code>grep</code>');
    const feedChild = await fixture.read(`${FEED}/agent-call_task_rss.md`);
    expect(feedChild).toContain('# Subagent: Locate RSS feed builder');
    expect(feedChild).toContain('<summary>Tool: <code>glob</code> · **/feed*</summary>');
    const twin = await fixture.twin(FEED);
    expect(twin.children?.map((c) => c.agent)).toEqual([
      { id: 'call_task_rss', type: 'explore', description: 'Locate RSS feed builder' },
    ]);
    expect(twin.children?.[0]?.messages[0]).toMatchObject({
      kind: 'context',
      label: 'Subagent prompt',
      text: 'Find the code that builds feed.xml and how it selects posts.',
    });
  });

  it('takes the title a person gave in workspace.yaml, keeps a pasted image, marks opaque reasoning', async () => {
    const md = await fixture.read(`${FEED}.md`);
    expect(md).toContain('# Keep drafts out of the RSS feed');
    expect(md).toContain(
      '![feed.png](2026-06-08-1930-keep-drafts-out-of-the-rss-feed/attachments/c414cd0e204de974.png)',
    );
    expect(md).toContain('*Thinking redacted: the source kept only an encrypted form.*');
    expect(md).toContain('+const posts = all.filter((p) => !p.draft);');
    expect(md).toContain('> **🗜 Compaction** · 19:41 — Context compacted');
    expect(fixture.report.written).toContain(`${FEED}/attachments/c414cd0e204de974.png`);
  });

  it('rewrites nothing on a second run', async () => {
    const again = await fixture.again();
    expect(again.sources['copilot-cli']).toMatchObject({ discovered: 5, unchanged: 4, skipped: 1 });
    expect(again.written).toEqual([]);
  });
});
