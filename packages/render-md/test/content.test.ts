import { describe, expect, it } from 'vitest';
import { bodyOf, renderMain, sample, session } from './helpers.js';

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
