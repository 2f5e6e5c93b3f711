import type { Message } from '@convx/core';
import { describe, expect, it } from 'vitest';
import { bodyOf, renderFiles, renderMain, sample, session } from './helpers.js';

const full = () => sample('full');

describe('thinking, context, events, attachments', () => {
  it('collapses thinking and shows redacted thinking as one line', () => {
    const text = renderMain(full());
    expect(text).toContain(
      '<details>\n<summary>Thinking</summary>\n\nProbably a race on the session cookie.\n\n</details>',
    );
    expect(text).toContain('\n*Thinking redacted: the source kept only an encrypted form.*\n');
  });

  it('hides context completely by default and shows it collapsed on request', () => {
    const hidden = renderMain(full());
    expect(hidden).not.toContain('AGENTS.md');
    expect(hidden).not.toContain('Always run tests');
    const shown = renderMain(full(), { showContext: true });
    expect(shown).toContain(
      '<details>\n<summary>Context: AGENTS.md</summary>\n\n```\n# AGENTS.md instructions\nAlways run tests.\n```\n\n</details>',
    );
  });

  it('renders events as labelled blockquotes', () => {
    const text = renderMain(
      session([
        {
          kind: 'event',
          role: 'system',
          event: 'error',
          text: 'API error 529\noverloaded',
          timestamp: '2026-03-01T10:00:00Z',
        },
        { kind: 'event', role: 'system', event: 'warning' },
      ]),
    );
    expect(text).toContain('\n> **⛔ Error** · 10:00 — API error 529\n> overloaded\n');
    expect(text).toContain('\n> **⚠ Warning**\n');
    expect(renderMain(full())).toContain(
      '\n> **🗜 Compaction** — Context compacted.\n\n> **⏹ Aborted** — Turn aborted by the user.\n',
    );
  });

  it('lists attachments as references, never as base64', () => {
    const payload = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk';
    const text = renderMain(
      session([
        {
          kind: 'text',
          role: 'user',
          text: 'see',
          attachments: [
            { type: 'image/png', size: 2048, sha256: 'ab'.repeat(32) },
            { type: 'image/jpeg', name: `data:image/jpeg;base64,${payload}`, size: 3_500_000 },
            { type: 'file', name: 'notes.txt', path: '/tmp/notes.txt', size: 12 },
          ],
        },
      ]),
    );
    expect(text).toContain('see\n\n- Attachment: `image/png` · 2.0 KiB · sha256 `abababababab`\n');
    expect(text).toContain('- Attachment: `image/jpeg` · image/jpeg · 3.3 MiB\n');
    expect(text).toContain('- Attachment: `notes.txt` · file · 12 B · at `/tmp/notes.txt`\n');
    expect(text).not.toContain(payload);
  });

  it('links saved attachments from every file of the tree and shows saved images', () => {
    const image = {
      type: 'image/png',
      size: 73,
      sha256: '9f'.repeat(32),
      file: 'attachments/9f9f9f9f9f9f9f9f.png',
    };
    const pdf = {
      type: 'application/pdf',
      name: 'spec (v2).pdf',
      size: 4096,
      file: 'attachments/0123456789abcdef.pdf',
    };
    const tooBig = {
      type: 'image/png',
      size: 20_000_000,
      omitted: 'larger than the 10 MiB attachment limit',
    };
    const shot: Message = { kind: 'text', role: 'user', text: 'see', attachments: [image, pdf, tooBig] };
    const grandchild = session([shot], { sessionId: 'p/agent-b', agent: { id: 'b' } });
    const child = session([shot], { sessionId: 'p/agent-a', agent: { id: 'a' }, children: [grandchild] });
    const files = renderFiles(session([shot], { children: [child] }), {}, '2026-03-01-1000-look');
    const main = files.get('.md') ?? '';
    expect(main).toContain(
      '- Attachment: [`image/png`](2026-03-01-1000-look/attachments/9f9f9f9f9f9f9f9f.png) · 73 B · sha256 `9f9f9f9f9f9f`\n\n' +
        '  ![image/png](2026-03-01-1000-look/attachments/9f9f9f9f9f9f9f9f.png)\n',
    );
    expect(main).toContain(
      '- Attachment: [`spec (v2).pdf`](2026-03-01-1000-look/attachments/0123456789abcdef.pdf) · application/pdf · 4.0 KiB\n',
    );
    expect(main).toContain(
      '- Attachment: `image/png` · 19.1 MiB · not saved: larger than the 10 MiB attachment limit\n',
    );
    // A subagent lives in the session folder, a nested one a level deeper: links stay relative.
    expect(files.get('/agent-a.md')).toContain('![image/png](attachments/9f9f9f9f9f9f9f9f.png)');
    expect(files.get('/agent-a/agent-b.md')).toContain('![image/png](../attachments/9f9f9f9f9f9f9f9f.png)');
  });

  it('never links a file outside the attachment folder, whatever a session says', () => {
    const sneaky = { type: 'image/png', file: '../../../etc/passwd' };
    const text = renderMain(session([{ kind: 'text', role: 'user', text: 'x', attachments: [sneaky] }]));
    expect(text).toContain('- Attachment: `image/png`\n');
    expect(text).not.toContain('passwd');
  });

  it('mentions diagnostics briefly at the end', () => {
    const text = renderMain(sample('empty'));
    expect(text).toContain('*No messages.*');
    expect(
      text.trimEnd().endsWith('- `malformed-line` ×2, first at line 3: line is not valid JSON; skipped'),
    ).toBe(true);
  });
});

describe('stray HTML and Markdown in answers', () => {
  it('neutralizes <details> tags so collapsible blocks stay balanced, keeping Markdown', () => {
    const text = renderMain(full());
    expect(text).toContain('&lt;details>not a tag&lt;/details> and a | pipe.');
    expect(bodyOf(text).match(/<details>/g)?.length).toBe(bodyOf(text).match(/<\/details>/g)?.length);
  });

  it('closes a fence the answer left open', () => {
    const text = renderMain(
      session([
        { kind: 'text', role: 'assistant', text: 'Here:\n```ts\nconst a = 1;' },
        { kind: 'text', role: 'user', text: 'thanks' },
      ]),
    );
    expect(text).toContain('```ts\nconst a = 1;\n```\n\n## User\n');
  });
});
