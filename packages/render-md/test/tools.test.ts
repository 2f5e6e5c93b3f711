import { describe, expect, it } from 'vitest';
import { markdownRenderer } from '../src/index.js';
import { must, renderMain, sample, session } from './helpers.js';

const full = () => sample('full');

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
    expect(blocks[3]).not.toContain('No result was recorded'); // no call id: a result could be anywhere
    const interrupted = renderMain(
      session([
        { kind: 'tool-call', role: 'assistant', name: 'shell', input: { command: 'go test' }, callId: 'c9' },
        { kind: 'event', role: 'system', event: 'abort', text: 'Turn aborted' },
      ]),
    );
    expect(interrupted).toContain('go test\n```\n\n*No result was recorded.*\n\n</details>');
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
    expect(text).toContain(
      "```bash\nls -la 'my dir'\n```\n\nWorking directory: `/w` · Timeout (ms): `1000`\n",
    );
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
