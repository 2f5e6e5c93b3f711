import { describe, expect, it } from 'vitest';
import { bucketize } from '../src/app/lib/buckets.js';
import { toolSummary, toolView } from '../src/app/lib/tools.js';
import { buildTree } from '../src/app/lib/tree.js';

describe('how tool calls are shown', () => {
  it('shows an edit as a diff of its file', () => {
    const view = toolView({
      file_path: 'src/a.ts',
      old_string: 'const a = 1;\nkeep();',
      new_string: 'const a = 2;\nkeep();',
    });
    expect(view).toEqual({
      kind: 'diff',
      lines: [
        { kind: 'file', text: 'src/a.ts' },
        { kind: 'hunk', text: '@@ -1,2 +1,2 @@' },
        { kind: 'del', text: 'const a = 1;' },
        { kind: 'add', text: 'const a = 2;' },
        { kind: 'ctx', text: 'keep();' },
      ],
    });
    // OpenCode's camelCase fields and Claude's MultiEdit too.
    expect(toolView({ filePath: 'x.py', oldString: 'a', newString: 'b' }).kind).toBe('diff');
    expect(toolView({ file_path: 'x', edits: [{ old_string: 'a', new_string: 'b' }] }).kind).toBe('diff');
  });

  it('shows a patch as a diff and names its files', () => {
    const patch = '*** Begin Patch\n*** Update File: app/refunds.py\n@@\n-old\n+new\n*** End Patch';
    const view = toolView(patch);
    expect(view.kind === 'diff' && view.lines.filter((l) => l.kind === 'add' || l.kind === 'del')).toEqual([
      { kind: 'del', text: 'old' },
      { kind: 'add', text: 'new' },
    ]);
    expect(toolSummary(patch)).toBe('app/refunds.py');
    expect(toolSummary({ input: patch })).toBe('app/refunds.py');
  });

  it('shows commands as the script that ran', () => {
    expect(toolView({ command: ['bash', '-lc', 'npm test'] })).toEqual({
      kind: 'command',
      command: 'npm test',
    });
    expect(toolView({ cmd: 'ls -la' })).toEqual({ kind: 'command', command: 'ls -la' });
    expect(toolSummary({ command: 'git status\ngit diff', description: 'Status' })).toBe('git status');
  });

  it('shows a written file with its language, and anything else as JSON', () => {
    expect(toolView({ file_path: 'src/app.ts', content: 'export {}' })).toEqual({
      kind: 'file',
      path: 'src/app.ts',
      content: 'export {}',
      language: 'ts',
    });
    expect(toolView({ todos: [1] })).toEqual({ kind: 'json', text: '{\n  "todos": [\n    1\n  ]\n}' });
    expect(toolSummary({ pattern: 'TODO', path: 'src' })).toBe('src');
  });
});

describe('activity buckets', () => {
  it('keeps days for a short span and fills days without sessions', () => {
    const buckets = bucketize([
      { day: '2026-03-01', source: 'claude', sessions: 2, messages: 10 },
      { day: '2026-03-01', source: 'codex', sessions: 1, messages: 5 },
      { day: '2026-03-04', source: 'codex', sessions: 4, messages: 5 },
    ]);
    expect(buckets.map((b) => [b.start, b.end, b.total])).toEqual([
      ['2026-03-01', '2026-03-01', 3],
      ['2026-03-02', '2026-03-02', 0],
      ['2026-03-03', '2026-03-03', 0],
      ['2026-03-04', '2026-03-04', 4],
    ]);
    expect(Object.fromEntries(buckets[0]?.bySource ?? [])).toEqual({ claude: 2, codex: 1 });
  });

  it('groups a long span by month, each bucket covering its whole month', () => {
    const buckets = bucketize([
      { day: '2023-01-15', source: 'claude', sessions: 1, messages: 1 },
      { day: '2026-02-03', source: 'claude', sessions: 1, messages: 1 },
    ]);
    expect(buckets).toHaveLength(38);
    expect(buckets[0]).toMatchObject({ start: '2023-01-01', end: '2023-01-31', label: '2023-01' });
    expect(buckets.at(-1)).toMatchObject({ start: '2026-02-01', end: '2026-02-28', total: 1 });
  });
});

describe('the project tree', () => {
  it('sums sessions per folder and merges chains of lone folders', () => {
    const tree = buildTree([
      { value: '/home/alice/code/api', count: 3 },
      { value: '/home/alice/code/web', count: 2 },
      { value: 'C:\\Users\\alice\\src\\app', count: 1 },
    ]);
    const top = [...tree.children.values()];
    expect(top.map((n) => [n.name, n.path, n.count])).toEqual([
      ['home/alice/code', '/home/alice/code', 5],
      ['C:/Users/alice/src/app', 'C:\\Users\\alice\\src\\app', 1],
    ]);
    expect([...(top[0]?.children.values() ?? [])].map((n) => [n.name, n.path, n.count])).toEqual([
      ['api', '/home/alice/code/api', 3],
      ['web', '/home/alice/code/web', 2],
    ]);
  });
});
