import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import markdownDefault, {
  createMarkdownRenderer,
  MARKDOWN_RENDERER_VERSION,
  markdownRenderer,
} from '../src/index.js';
import { bodyOf, frontMatterOf, must, renderFiles, renderMain, sample, session } from './helpers.js';

const full = () => sample('full');

describe('renderer identity and options', () => {
  it('exports one renderer as default and named export', () => {
    expect(markdownDefault).toBe(markdownRenderer);
    expect(markdownRenderer.name).toBe('markdown');
    expect(markdownRenderer.version).toBe(MARKDOWN_RENDERER_VERSION);
  });

  it('rejects unknown options and wrong types with a clear error', () => {
    const s = session([]);
    expect(() => renderFiles(s, { showContex: true })).toThrow(/unknown option "showContex".*showContext/);
    expect(() => renderFiles(s, { maxToolOutputLines: -1 })).toThrow(
      /maxToolOutputLines" must be a whole number/,
    );
    expect(() => renderFiles(s, { timeFormat: 'local' })).toThrow(/timeFormat" must be "time" or "iso"/);
    expect(() => createMarkdownRenderer({ showContext: 'yes' as unknown as boolean })).toThrow(
      /INVALID|showContext/,
    );
  });

  it('lets the factory bake in defaults that context options override', () => {
    const s = session([
      { kind: 'context', role: 'user', label: 'AGENTS.md', text: 'Secret house rules' },
      { kind: 'text', role: 'user', text: 'hi' },
    ]);
    const withContext = createMarkdownRenderer({ showContext: true });
    const text = (options: Record<string, unknown>) =>
      [...must(withContext.render(s, { basename: 'b', options })[0]).content].join('');
    expect(text({})).toContain('Secret house rules');
    expect(text({ showContext: false })).not.toContain('Secret house rules');
  });
});

describe('front matter', () => {
  it('lists the session facts as valid YAML', () => {
    const meta = parse(frontMatterOf(renderMain(full())));
    expect(meta).toEqual({
      title: 'Fix the flaky login test',
      source: 'sample',
      session_id: 'full',
      key: 'sample:full',
      cwd: '/home/alice/code/app',
      started_at: '2026-03-01T10:00:00.000Z',
      ended_at: '2026-03-01T10:01:00.000Z',
      models: ['gpt-5-codex'],
      git_branch: 'main',
    });
  });

  it.each([
    'Fix: the "login" test',
    "it's #1 - really",
    'line one\nline two\n---\nthree',
    '---',
    '- [x] [y] {z} & *star* | pipe > gt % pct @ at `tick`',
    'tab\there, bell\u0007, nel\u0085, sep\u2028, bom\ufeff, lone \ud800 surrogate',
    'yes',
    '123',
    'null',
  ])('keeps an awkward title valid YAML: %j', (title) => {
    const text = renderMain(session([{ kind: 'text', role: 'user', text: 'go' }], { title }));
    const yaml = frontMatterOf(text);
    expect(yaml.split('\n').every((line) => line !== '---')).toBe(true);
    const expected = title.replace('\ud800', '\ufffd').trim();
    expect(parse(yaml).title).toBe(expected.replace(/\s+/g, ' '));
  });
});

describe('title and metadata', () => {
  it('uses the title, then the first typed prompt shortened, then the id tail', () => {
    expect(renderMain(full())).toContain('\n# Fix the flaky login test\n');
    const long = `Please ${'refactor the parser '.repeat(10)}`;
    const fromPrompt = renderMain(
      session([
        { kind: 'context', role: 'user', label: 'env', text: 'cwd=/x' },
        { kind: 'text', role: 'user', text: long },
      ]),
    );
    expect(fromPrompt).toMatch(/\n# Please refactor the parser refactor .{40,}…\n/);
    expect(renderMain(session([]))).toContain('\n# Session sion0001\n');
  });

  it('writes a metadata line with source, UTC span, model, branch and folder', () => {
    expect(renderMain(full())).toContain(
      '\n`sample` · 2026-03-01 10:00–10:01 UTC · `gpt-5-codex` · branch `main` · `/home/alice/code/app`\n',
    );
  });
});

describe('turns', () => {
  it('groups consecutive messages of one role under one heading with UTC times', () => {
    const text = renderMain(
      session([
        { kind: 'text', role: 'user', text: 'First question', timestamp: '2026-03-01T09:05:00Z' },
        { kind: 'text', role: 'user', text: 'And a follow-up', timestamp: '2026-03-01T09:06:00Z' },
        { kind: 'text', role: 'assistant', text: 'Answer **one**', timestamp: '2026-03-01T09:07:30Z' },
        { kind: 'event', role: 'system', event: 'info', text: 'Model switched' },
        { kind: 'text', role: 'assistant', text: 'Answer two', timestamp: '2026-03-01T09:08:00Z' },
        { kind: 'text', role: 'user', text: 'Next day', timestamp: '2026-03-02T01:00:00Z' },
      ]),
    );
    const headings = text.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual(['## User · 09:05', '## Assistant · 09:07', '## User · 2026-03-02 01:00']);
    expect(text).toContain('## User · 09:05\n\nFirst question\n\nAnd a follow-up\n');
    expect(text).toContain('Answer **one**\n\n> **ℹ Info** — Model switched\n\nAnswer two\n');
  });

  it('opens no turn for messages with nothing to show', () => {
    const text = renderMain(
      session([
        { kind: 'text', role: 'user', text: 'hello' },
        { kind: 'text', role: 'assistant', text: '   ' },
        { kind: 'thinking', role: 'assistant', text: '' },
        { kind: 'text', role: 'user', text: 'anyone?' },
      ]),
    );
    expect(text).not.toContain('## Assistant');
    expect(text).toContain('## User\n\nhello\n\nanyone?\n');
  });

  it('shows full ISO times with timeFormat iso', () => {
    const s = session([{ kind: 'text', role: 'user', text: 'hello', timestamp: '2026-03-01T09:05:07.250Z' }]);
    expect(renderMain(s, { timeFormat: 'iso' })).toContain('\n## User · 2026-03-01T09:05:07.250Z\n');
  });

  it('names the model in assistant headings when the session used several', () => {
    const s = session(
      [
        { kind: 'text', role: 'user', text: 'q' },
        { kind: 'text', role: 'assistant', text: 'a', model: 'gpt-5' },
        { kind: 'text', role: 'user', text: 'q2' },
        { kind: 'text', role: 'assistant', text: 'b', model: 'o3' },
      ],
      { models: ['gpt-5', 'o3'] },
    );
    expect(renderMain(s)).toMatch(/## Assistant · `gpt-5`\n[\s\S]*## Assistant · `o3`\n/);
  });
});

describe('tool calls', () => {
  it('puts the result inside the call block, paired by callId, with fences longer than any backtick run', () => {
    const text = renderMain(full());
    const block = text.slice(text.indexOf('<summary>Tool: <code>shell</code>'));
    const end = block.indexOf('</details>');
    const inside = block.slice(0, end);
    expect(inside).toContain('````bash\ngrep -rn "```" docs\n````\n');
    expect(inside).toContain('**Result**\n\n`````\ndocs/a.md:1:```ts\ndocs/a.md:3:````\n');
    expect(text.match(/docs\/a\.md:1:/g)).toHaveLength(3);
  });

  it('marks errors in the summary and labels the output as an error', () => {
    const text = renderMain(full());
    expect(text).toContain(
      '<summary>Tool: <code>Agent</code> · Find the config loader · <b>error</b></summary>',
    );
    expect(text).toContain('**Error**\n\n```\nNo such file\n```\n');
  });

  it('renders results out of order, orphans and missing outputs', () => {
    const text = renderMain(
      session([
        {
          kind: 'tool-call',
          role: 'assistant',
          name: 'Read',
          input: { file_path: '/src/a.ts' },
          callId: 'c1',
        },
        { kind: 'tool-call', role: 'assistant', name: 'Grep', input: { pattern: 'TODO' }, callId: 'c2' },
        { kind: 'tool-result', role: 'tool', callId: 'c2', output: 'a.ts:3: TODO' },
        { kind: 'tool-result', role: 'tool', callId: 'c1', output: 'export const a = 1;' },
        { kind: 'tool-result', role: 'tool', callId: 'zz', name: 'Bash', output: 'orphan output' },
        {
          kind: 'tool-call',
          role: 'assistant',
          name: 'Write',
          input: { file_path: 'x.py', content: 'print(1)' },
        },
      ]),
    );
    const blocks = text.split('<details>\n').slice(1);
    expect(blocks).toHaveLength(4);
    expect(blocks[0]).toContain('<summary>Tool: <code>Read</code> · /src/a.ts</summary>');
    expect(blocks[0]).toContain('File: `/src/a.ts`');
    expect(blocks[0]).toContain('export const a = 1;');
    expect(blocks[1]).toContain('a.ts:3: TODO');
    expect(blocks[2]).toContain('<summary>Tool result <code>Bash</code></summary>');
    expect(blocks[2]).toContain('orphan output');
    expect(blocks[3]).toContain('File: `x.py`\n\n```python\nprint(1)\n```\n');
    expect(blocks[3]).not.toContain('**Result**');
  });

  it('shows common inputs readably: shell commands, patches, edits, JSON', () => {
    const patch = '*** Begin Patch\n*** Update File: src/app.ts\n@@\n-old\n+new\n*** End Patch';
    const text = renderMain(
      session([
        {
          kind: 'tool-call',
          role: 'assistant',
          name: 'shell',
          input: { command: ['ls', '-la', 'my dir'], workdir: '/w', timeout_ms: 1000 },
        },
        {
          kind: 'tool-call',
          role: 'assistant',
          name: 'Bash',
          input: { command: 'npm test', description: 'Run tests' },
        },
        { kind: 'tool-call', role: 'assistant', name: 'apply_patch', input: patch },
        { kind: 'tool-call', role: 'assistant', name: 'apply_patch', input: { input: patch } },
        {
          kind: 'tool-call',
          role: 'assistant',
          name: 'Edit',
          input: { file_path: 'a.ts', old_string: 'x', new_string: 'y' },
        },
        { kind: 'tool-call', role: 'assistant', name: 'web', input: { q: 1, deep: [true] } },
      ]),
    );
    expect(text).toContain("```bash\nls -la 'my dir'\n```\n\nworkdir `/w` · timeout\\_ms `1000`\n");
    expect(text).toContain('Description: `Run tests`\n\n```bash\nnpm test\n```');
    expect(text.split(`\`\`\`diff\n${patch}\n\`\`\``)).toHaveLength(3);
    expect(text.split('<summary>Tool: <code>apply_patch</code> · src/app.ts</summary>')).toHaveLength(3);
    expect(text).toContain('```diff\n-x\n+y\n```');
    expect(text).toContain('```json\n{\n  "q": 1,\n  "deep": [\n    true\n  ]\n}\n```');
  });
});

describe('shortening long tool output', () => {
  const lines = Array.from({ length: 500 }, (_, i) => `line ${i + 1}`).join('\n');
  const s = session([
    { kind: 'tool-call', role: 'assistant', name: 'Bash', input: { command: 'seq 500' }, callId: 'c' },
    { kind: 'tool-result', role: 'tool', callId: 'c', output: lines },
  ]);

  it('keeps head and tail and says how much was cut, by default at 80 lines', () => {
    const text = renderMain(s);
    expect(text).toContain('line 60\n[… 420 of 500 lines cut …]\nline 481\n');
    expect(text).not.toContain('line 61\n');
    expect(text).toContain('*Shortened: 420 of 500 lines not shown here; the JSON twin has the full text.*');
  });

  it('follows maxToolOutputLines and 0 = no limit', () => {
    expect(renderMain(s, { maxToolOutputLines: 4 })).toContain(
      'line 3\n[… 496 of 500 lines cut …]\nline 500\n',
    );
    const all = renderMain(s, { maxToolOutputLines: 0, maxToolOutputChars: 0 });
    expect(all).toContain('line 250\n');
    expect(all).not.toContain('Shortened');
  });

  it('caps a single huge line by characters', () => {
    const wide = session([{ kind: 'tool-result', role: 'tool', output: 'x'.repeat(20000) }]);
    const text = renderMain(wide, { maxToolOutputChars: 1000 });
    expect(text).toContain(
      '*Shortened: 19000 of 20000 characters not shown here; the JSON twin has the full text.*',
    );
    expect(text).not.toContain('x'.repeat(1001));
  });
});

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

describe('subagents', () => {
  it('renders each child to its own file, linked where it was spawned and linking back', () => {
    const files = renderFiles(full());
    expect([...files.keys()]).toEqual(['.md', '/agent-a1b2c3d.md']);
    const main = must(files.get('.md'));
    expect(main).toContain(
      '</details>\n\n↳ Subagent: [Find the config loader](2026-03-01-1000-fix-login/agent-a1b2c3d.md) (`Explore`)\n',
    );
    expect(main).not.toContain('## Subagents');
    const child = must(files.get('/agent-a1b2c3d.md'));
    expect(parse(frontMatterOf(child))).toMatchObject({
      agent_id: 'a1b2c3d',
      agent_type: 'Explore',
      parent: 'sample:full',
    });
    expect(child).toContain('\n↩ Spawned by [Fix the flaky login test](../2026-03-01-1000-fix-login.md)\n');
    expect(child).toContain('It is loaded in `src/config.ts`.');
  });

  it('matches a spawning call by call id or by the prompt the child received', () => {
    const byCallId = session([{ kind: 'text', role: 'user', text: 'one' }], {
      sessionId: 'x1',
      agent: { id: 'call_9' },
    });
    const byPrompt = session([{ kind: 'text', role: 'user', text: 'Audit  the\nlogging' }], {
      sessionId: 'x2',
      agent: { id: 'f00d' },
    });
    const parent = session(
      [
        { kind: 'tool-call', role: 'assistant', name: 'spawn', input: {}, callId: 'call_9' },
        { kind: 'tool-call', role: 'assistant', name: 'Bash', input: { prompt: 'audit the logging' } },
        { kind: 'tool-call', role: 'assistant', name: 'task', input: { prompt: 'Audit the logging' } },
      ],
      { children: [byCallId, byPrompt] },
    );
    const main = must(renderFiles(parent, {}, 'p').get('.md'));
    const blocks = main.split('<details>\n').slice(1);
    expect(blocks[0]).toContain('*(no input)*\n\n</details>\n\n↳ Subagent: [one](p/agent-call_9.md)');
    expect(blocks[1]).not.toContain('Subagent');
    expect(blocks[2]).toContain('↳ Subagent: [Audit the logging](p/agent-f00d.md)');
    expect(main).not.toContain('## Subagents');
  });

  it('nests grandchildren, sanitizes ids and lists unmatched children at the end', () => {
    const grandchild = session([{ kind: 'text', role: 'user', text: 'deep work' }], {
      sessionId: 'g',
      agent: { id: '../evil id' },
    });
    const child = session([{ kind: 'text', role: 'user', text: 'child work' }], {
      sessionId: 'c',
      agent: { id: 'abc1234', description: 'Survey tests' },
      children: [grandchild],
    });
    const twin = session([], { sessionId: 'd', agent: { id: 'ABC1234' } });
    const parent = session(
      [
        {
          kind: 'tool-call',
          role: 'assistant',
          name: 'Task',
          input: { description: 'Unrelated' },
          callId: 't1',
        },
        { kind: 'tool-result', role: 'tool', callId: 't1', output: 'Done.\nagentId: abc1234' },
      ],
      { children: [child, twin] },
    );
    const files = renderFiles(parent, {}, 'base');
    expect([...files.keys()]).toEqual([
      '.md',
      '/agent-abc1234.md',
      '/agent-abc1234/agent-_evil_id.md',
      '/agent-ABC1234-2.md',
    ]);
    const main = must(files.get('.md'));
    expect(main).toContain('↳ Subagent: [Survey tests](base/agent-abc1234.md)');
    expect(main).toContain('## Subagents\n\n- [Subagent ABC1234](base/agent-ABC1234-2.md)\n');
    expect(files.get('/agent-abc1234.md')).toContain(
      '## Subagents\n\n- [deep work](agent-abc1234/agent-_evil_id.md)',
    );
    expect(files.get('/agent-abc1234/agent-_evil_id.md')).toContain(
      '↩ Spawned by [Survey tests](../agent-abc1234.md)',
    );
  });
});

describe('determinism', () => {
  it('renders byte-identical output across runs and clones', () => {
    const first = renderFiles(full(), { showContext: true });
    const again = renderFiles(structuredClone(full()), { showContext: true });
    expect(again).toEqual(first);
    const content = must(markdownRenderer.render(full(), { basename: 'b', options: {} })[0]).content;
    expect([...content].join('')).toBe([...content].join(''));
  });

  it('does not depend on the time zone of the machine', () => {
    const before = process.env.TZ;
    const utc = renderFiles(full());
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      expect(new Date(Date.UTC(2026, 2, 1, 10)).getHours()).not.toBe(10);
      expect(renderFiles(full())).toEqual(utc);
    } finally {
      process.env.TZ = before;
    }
  });
});

describe('large sessions', () => {
  it('streams content in chunks and renders 20,000 messages quickly', () => {
    const messages = Array.from({ length: 20_000 }, (_, i) =>
      i % 2
        ? ({
            kind: 'tool-result',
            role: 'tool',
            callId: `c${i - 1}`,
            output: `out ${i}\n`.repeat(50),
          } as const)
        : ({
            kind: 'tool-call',
            role: 'assistant',
            name: 'Bash',
            input: { command: `echo ${i}` },
            callId: `c${i}`,
          } as const),
    );
    const started = performance.now();
    const content = must(
      markdownRenderer.render(session(messages), { basename: 'b', options: {} })[0],
    ).content;
    expect(typeof content).not.toBe('string');
    let chunks = 0;
    let length = 0;
    for (const chunk of content) {
      chunks++;
      length += chunk.length;
    }
    expect(chunks).toBeGreaterThan(10_000);
    expect(length).toBeGreaterThan(1_000_000);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
