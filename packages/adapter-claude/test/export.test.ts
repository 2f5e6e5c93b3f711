import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Message, Session } from '@convx/core';
import { type ExportFixture, exportFixtures } from '@convx/core/testing';
import { markdownRenderer } from '@convx/render-md';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claudeAdapter } from '../src/index.js';
import { fixtureLines, home, ID, WEB } from './helpers.js';

// The fixture home through the real engine and Markdown renderer, read back as a user would.
let fixture: ExportFixture;
let written: string[];
const DIR = 'history/alice/claude/laptop/code';
const LOGIN = `${DIR}/webapp/2026-11-02-0914-login-validation-reject-empty-passwords`;
const SLASH = `${DIR}/webapp/2026-10-20-1402-claude-md-setup-and-build-script-question`;

beforeAll(async () => {
  fixture = await exportFixtures({ adapter: claudeAdapter, renderer: markdownRenderer, home });
  written = fixture.report.written;
});
afterAll(() => fixture.cleanup());

const read = (rel: string) => fixture.read(rel);
const twin = (rel: string): Promise<Session> => fixture.twin(rel);

describe('exported through the engine and render-md', () => {
  it('writes every conversation into its project folder, named by its title, subagents beside it', () => {
    expect(written.filter((p) => p.endsWith('.md')).sort()).toEqual([
      `${DIR}/api/2025-08-28-1620-rate-limiter-for-the-search-endpoint.md`,
      `${DIR}/api/2025-08-28-1620-rate-limiter-for-the-search-endpoint/agent-sidechain-1.md`,
      `${DIR}/api/2025-11-20-1300-review-the-error-handling-in-src-handlers-for-unhandled.md`,
      `${DIR}/api/2025-11-20-1300-review-the-error-handling-in-src-handlers-for-unhandled/agent-4e5f6a7b.md`,
      `${DIR}/webapp/2026-10-05-0800-dark-mode-toggle-for-settings.md`,
      `${SLASH}.md`,
      `${DIR}/webapp/2026-10-28-1100-subagents-of-a-deleted-session-audit-npm-dependencies.md`,
      `${DIR}/webapp/2026-10-28-1100-subagents-of-a-deleted-session-audit-npm-dependencies/agent-a0f1e2d.md`,
      `${LOGIN}.md`,
      `${LOGIN}/agent-a7e3c91.md`,
      `${LOGIN}/agent-aprompt_suggestion-3b5d7f.md`,
      `${DIR}/webapp/2026-11-10-1740-deploy-script-failing-on-ci.md`,
    ]);
  });

  it('shows typed prompts and slash commands, and hides injected context from the Markdown', async () => {
    const md = await read(`${SLASH}.md`);
    for (const typed of [
      '/init focus on the build scripts',
      '! git status --short',
      'Why does the build script call tsc twice?',
      "Thanks, that's all for now.",
    ]) {
      expect(md).toContain(typed);
    }
    for (const injected of [
      'Caveat: The messages below were generated',
      '<command-name>',
      'Please analyze this codebase and create a CLAUDE.md file',
      'This session is being continued from a previous conversation',
      'Background command "npm run build" completed',
    ]) {
      expect(md).not.toContain(injected);
    }
    expect(md).toContain('Conversation compacted (manual, 48211 tokens before)');
    // The JSON twin keeps the context, classified, with the session's real times.
    const json = await twin(SLASH);
    expect(json).toMatchObject({
      startedAt: '2026-10-20T14:02:00.000Z',
      endedAt: '2026-10-20T15:32:10.000Z',
    });
    const context = json.messages.filter((m) => m.kind === 'context').map((m) => m.label);
    expect(context).toEqual([
      'command caveat',
      'command output',
      'meta',
      'shell output',
      'compaction summary',
      'task notification',
    ]);
  });

  it('pairs every tool call with one result in the twin and in the Markdown', async () => {
    const json = await twin(LOGIN);
    const all: Message[] = [...json.messages, ...(json.children ?? []).flatMap((c) => c.messages)];
    const calls = all.filter((m) => m.kind === 'tool-call').map((m) => m.callId);
    const results = all.filter((m) => m.kind === 'tool-result').map((m) => m.callId);
    expect(calls.length).toBe(7); // six in the parent, one in the Explore subagent
    expect([...results].sort()).toEqual([...calls].sort());
    const md = await read(`${LOGIN}.md`);
    const blocks = md.split('<details>').filter((b) => b.includes('<summary>Tool: '));
    expect(blocks).toHaveLength(6);
    for (const block of blocks) expect(block).toMatch(/\*\*(Result|Error)\*\*/);
    expect(md).toContain(
      '<summary>Tool: <code>Edit</code> · /home/alice/code/webapp/src/forms/login.ts · <b>error</b>',
    );
    expect(md).not.toContain('iVBORw0KGgo');
    // A large output Claude Code moved to tool-results/: its saved content replaces the preview (shortened in
    // the Markdown, whole in the twin), with the saved file referenced and its size.
    expect(md).not.toContain('Output too large (9.3KB). Full output saved to:');
    expect(md).toContain('src/forms/field0.tsx');
    expect(md).toContain('- Attachment: `toolu_01LintBig6.txt` · text/plain · 9.3 KiB');
  });

  it('saves a pasted image beside the transcript, shows it in the Markdown and references it from the twin', async () => {
    const line = fixtureLines(`${WEB}/${ID.login}.jsonl`).find(
      (r) => (r as { uuid?: string }).uuid === 'a1000000-0000-4000-8000-000000000016',
    ) as { message: { content: Array<{ source?: { data: string } }> } };
    const bytes = Buffer.from(line.message.content[1]?.source?.data ?? '', 'base64');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const file = `attachments/${sha.slice(0, 16)}.png`;
    // The file, byte for byte, in the session's folder; listed as written like every other output.
    expect(written).toContain(`${LOGIN}/${file}`);
    expect(readFileSync(join(fixture.outputRoot, `${LOGIN}/${file}`)).equals(bytes)).toBe(true);
    const md = await read(`${LOGIN}.md`);
    const href = `2026-11-02-0914-login-validation-reject-empty-passwords/${file}`;
    expect(md).toContain(`- Attachment: [\`image/png\`](${href}) · 73 B · sha256 \`${sha.slice(0, 12)}\``);
    expect(md).toContain(`  ![image/png](${href})`);
    const json = await twin(LOGIN);
    const typed = json.messages.find((m) => m.kind === 'text' && m.attachments);
    expect(typed?.kind === 'text' && typed.attachments).toEqual([
      { type: 'image/png', size: 73, sha256: sha, file },
    ]);
    expect(JSON.stringify(json)).not.toContain(line.message.content[1]?.source?.data);
  });

  it('links each subagent both ways and writes its transcript', async () => {
    const md = await read(`${LOGIN}.md`);
    expect(md).toContain(
      '↳ Subagent: [Find other forms with the same check](2026-11-02-0914-login-validation-reject-empty-passwords/agent-a7e3c91.md) (`Explore`)',
    );
    const child = await read(`${LOGIN}/agent-a7e3c91.md`);
    expect(child).toContain(
      '↩ Spawned by [Login validation: reject empty passwords](../2026-11-02-0914-login-validation-reject-empty-passwords.md)',
    );
    expect(child).toContain('Search src/forms for password checks that only compare against undefined.');
    expect(child).toContain('- src/forms/signup.ts:14');
    const json = await twin(LOGIN);
    expect(json.children?.map((c) => c.sessionId)).toEqual([
      `${ID.login}/agent-a7e3c91`,
      `${ID.login}/agent-aprompt_suggestion-3b5d7f`,
    ]);
  });

  it('exports a resumed session once, with both files, and rewrites nothing on a second run', async () => {
    const md = await read(`${DIR}/webapp/2026-10-05-0800-dark-mode-toggle-for-settings.md`);
    expect(md).toContain('Add a dark mode toggle to the settings page.');
    expect(md).toContain('Also remember the choice in localStorage.');
    expect(md.match(/Add a dark mode toggle to the settings page\./g)).toHaveLength(1);
    const again = await fixture.again();
    expect(again.sources.claude).toMatchObject({ discovered: 7, new: 0, updated: 0, unchanged: 7 });
    expect(again.written).toEqual([]);
  });
});
