import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Session } from '@convx/core';
import { type ExportFixture, exportFixtures } from '@convx/core/testing';
import { markdownRenderer } from '@convx/render-md';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copilotVscodeAdapter } from '../src/index.js';
import { CODE_USER, FIXTURES_HOME, INSIDERS_USER } from './helpers.js';

// The fixture home through the real engine and Markdown renderer, read back as a user would.
const DIR = 'history/alice/copilot-vscode/laptop';
const PAGINATE = `${DIR}/code/invoice-api/2025-10-14-0801-paginate-the-invoices-endpoint`;
const HANGING = `${DIR}/code/invoice-api/2026-03-11-1519-fix-the-hanging-invoices-test`;
const MIGRATIONS = `${DIR}/_remote/ssh-remote+devbox/services/billing/2025-10-24-0959-run-the-migrations-and-tell-me-what-failed`;
const GIT_UNDO = `${DIR}/_unknown-project/2026-01-21-1945-how-do-i-undo-the-last-git-commit-but-keep-the-changes`;
const LEDGER = `${DIR}/projects/legacy-ledger/2024-11-05-1430-explain-what-does-parseledger-return-for-an-empty-file`;
const TRIAGE = `${DIR}/code/weather station/2026-04-02-0710-triage-the-open-issues`;
const LEGACY_DB = join(CODE_USER, 'workspaceStorage', '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b');

let fixture: ExportFixture;

beforeAll(async () => {
  fixture = await exportFixtures({
    adapter: copilotVscodeAdapter,
    renderer: markdownRenderer,
    home: FIXTURES_HOME,
    locations: [CODE_USER, INSIDERS_USER],
  });
});
afterAll(() => fixture.cleanup());

const read = (base: string) => fixture.read(`${base}.md`);

describe('exported through the engine and render-md', () => {
  it('writes each chat into its workspace folder; window-less chats under the unknown project', () => {
    expect(fixture.report.written.filter((p) => p.endsWith('.md')).sort()).toEqual(
      [MIGRATIONS, GIT_UNDO, PAGINATE, HANGING, TRIAGE, LEDGER].map((b) => `${b}.md`).sort(),
    );
    expect(fixture.report.sources['copilot-vscode']).toMatchObject({
      discovered: 8,
      new: 6,
      skipped: 2,
      failed: 0,
    });
  });

  it('shows the typed prompt, thinking, tools with input and result, the edit as a diff and references', async () => {
    const md = await read(PAGINATE);
    expect(md).toContain('title: "Paginate the invoices endpoint"');
    expect(md).toContain(
      '## User · 08:02\n\nThe /invoices endpoint returns every row at once. Add cursor pagination with a `limit` query parameter (default 50).',
    );
    expect(md).toContain(
      '- Attachment: `invoices.ts` · file · at `/home/alice/code/invoice-api/src/routes/invoices.ts`',
    );
    // Instructions VS Code attached by itself are not the person's attachment.
    expect(md).not.toContain('copilot-instructions.md');
    expect(md).toContain('<summary>Thinking</summary>\n\nThe route loads all invoices into memory.');
    expect(md).toContain(
      '<summary>Tool: <code>copilot_readFile</code> · /home/alice/code/invoice-api/src/routes/invoices.ts</summary>',
    );
    expect(md).toContain("**Result**\n\n```\nimport { Router } from 'express';");
    // The invocation written twice (running, then done) is one call.
    expect(md.match(/<code>copilot_readFile<\/code>/g)).toHaveLength(1);
    expect(md).toContain('The handler in `invoices.ts` loads every row. Adding a cursor:');
    expect(md).toContain(
      '```diff\n--- /home/alice/code/invoice-api/src/routes/invoices.ts\n+++ /home/alice/code/invoice-api/src/routes/invoices.ts\n@@ -14,1 +14,2 @@\n+  const limit = Math.min(Number(req.query.limit ?? 50), 200);\n',
    );
    // The lone fences around the edit would render as an empty code block.
    expect(md).not.toMatch(/```\n\n?```/);
    expect(md).toContain('- Attachment: `db.ts` · reference · at `/home/alice/code/invoice-api/src/db.ts`');
  });

  it('keeps a cancelled request with its unfinished tool call and says it was cancelled', async () => {
    const md = await read(PAGINATE);
    expect(md).toContain('## User · 08:05\n\nRun the invoice tests.');
    expect(md).toContain('<summary>Tool: <code>run_in_terminal</code> · npm test -- invoices</summary>');
    expect(md).toContain('*No result was recorded.*');
    expect(md).toContain('> **⏹ Aborted** · 08:05 — Cancelled before the reply was complete.');
  });

  it('replays the .jsonl change log (splice, set, delete) and prefers it over the older .json copy', async () => {
    const md = await read(HANGING);
    expect(md).toContain('title: "Fix the hanging invoices test"');
    // The streamed fragment was truncated away by the splice.
    expect(md).not.toContain('Checking the test setup…');
    expect(md).toContain('The pool opened in `setup.ts` is never closed');
    expect(md).toContain('## User · 15:22\n\nAdd the afterAll hook.');
    expect(md).toContain('@@ -31,0 +31,3 @@\n+afterAll(async () => {\n+  await pool.end();\n+});');
    // The error the log deleted again is gone.
    expect(md).not.toContain('Request timed out');
    const twin = await fixture.twin(HANGING);
    expect(twin.models).toEqual(['gpt-4.1', 'gpt-5-mini']);
    expect(twin.meta).toMatchObject({ generation: 'jsonl', storage: 'workspace', product: 'Code' });
    // The log's cut-off last line is counted, not fatal.
    expect(twin.diagnostics).toEqual([
      expect.objectContaining({ code: 'malformed-line', line: 13, count: 1 }),
    ]);
  });

  it('maps a remote window to its folder on the remote machine and shows errors and failing commands', async () => {
    const md = await read(MIGRATIONS);
    expect(md).toContain('remote: "ssh-remote+devbox"');
    expect(md).toContain(
      '<summary>Tool: <code>run_in_terminal</code> · npm run migrate · <b>error</b></summary>',
    );
    expect(md).toContain('error: column "currency" of relation "invoices" already exists');
    expect(md).toContain("> **⛔ Error** · 10:00 — Sorry, you have exhausted this model's rate limit.");
    const twin = await fixture.twin(MIGRATIONS);
    expect(twin.cwd).toBe('/home/alice/services/billing');
  });

  it('exports a window-less chat with the project unknown, its unanswered last request included', async () => {
    const md = await read(GIT_UNDO);
    expect(md).toContain('title: "How do I undo the last git commit but keep the changes?"');
    expect(md).not.toContain('cwd:');
    expect(md.trimEnd().endsWith('## User · 19:46\n\nAnd if I already pushed it?')).toBe(true);
    const twin = await fixture.twin(GIT_UNDO);
    expect(twin.meta).toMatchObject({ storage: 'empty-window', generation: 'json' });
  });

  it('reads generation 1 out of state.vscdb, the Windows folder decoded from its URI', async () => {
    const md = await read(LEDGER);
    expect(md).toContain('`parseLedger` returns `{ entries: [], balance: 0 }` for an empty file');
    const twin: Session = await fixture.twin(LEDGER);
    expect(twin.cwd).toBe('C:\\Users\\alice\\projects\\legacy-ledger');
    expect(twin.sourceLocation).toEqual({
      path: join(LEGACY_DB, 'state.vscdb'),
      locator: 'interactive.sessions:d1f3b5c7-9e0a-4c2b-8d4f-6a8c0e2b4d6f',
    });
  });

  it('reads VS Code Insiders, a percent-encoded folder, an MCP tool and the model auto resolved to', async () => {
    const md = await read(TRIAGE);
    expect(md).toContain('cwd: "/home/alice/code/weather station"');
    expect(md).toContain('<summary>Tool: <code>mcp_github_list_issues</code></summary>');
    expect(md).toContain('"repo": "weather-station"');
    expect(md).toContain('[{"number":12,"title":"Sensor drift after midnight"}');
    const twin = await fixture.twin(TRIAGE);
    expect(twin.models).toEqual(['claude-sonnet-4.5']);
    expect(twin.meta).toMatchObject({ product: 'Code - Insiders' });
  });

  it('creates nothing beside the databases and rewrites nothing on a second run', async () => {
    expect(readdirSync(LEGACY_DB).sort()).toEqual(['state.vscdb', 'workspace.json']);
    const again = await fixture.again();
    expect(again.sources['copilot-vscode']).toMatchObject({ new: 0, updated: 0, unchanged: 6, skipped: 2 });
    expect(again.written).toEqual([]);
    expect(readdirSync(LEGACY_DB).sort()).toEqual(['state.vscdb', 'workspace.json']);
  });
});
