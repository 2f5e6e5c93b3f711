import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import markdownDefault, {
  createMarkdownRenderer,
  MARKDOWN_RENDERER_VERSION,
  markdownRenderer,
} from '../src/index.js';
import { frontMatterOf, must, renderFiles, renderMain, sample, session } from './helpers.js';

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
  it('marks a remote project folder with its host, in the metadata line and the front matter', () => {
    const remote = session([{ kind: 'text', role: 'user', text: 'why did the cron not run?' }], {
      cwd: '/home/alice/services/billing',
      meta: { remote: 'ssh-remote+devbox' },
    });
    const text = renderMain(remote);
    expect(text).toContain('· `/home/alice/services/billing` on remote `ssh-remote+devbox`\n');
    expect(parse(frontMatterOf(text))).toMatchObject({
      cwd: '/home/alice/services/billing',
      remote: 'ssh-remote+devbox',
    });
    const local = renderMain(session([], { cwd: '/home/alice/app', meta: { remote: 42 } }));
    expect(local).not.toContain('remote');
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
