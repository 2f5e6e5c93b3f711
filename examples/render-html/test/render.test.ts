import { createSession, type Session } from '@convx/core';
import { runRendererConformance, sampleSessions } from '@convx/core/testing';
import { describe, expect, it } from 'vitest';
import renderer, { escapeHtml, htmlRenderer } from '../src/index.js';

runRendererConformance({ describe, it }, { renderer: htmlRenderer });
runRendererConformance(
  { describe, it },
  { renderer: htmlRenderer, options: { showContext: true, showThinking: false } },
);

const render = (session: Session, options: Record<string, unknown> = {}) =>
  htmlRenderer.render(session, { basename: '2026-03-01-1000-fix', options }).map((file) => ({
    suffix: file.suffix,
    text: typeof file.content === 'string' ? file.content : [...file.content].join(''),
  }));

const hostile = createSession({
  source: 'codex',
  sessionId: 'abc-123',
  title: '</title><script>alert("title")</script>',
  cwd: '/home/ana/code/"quoted" & <odd>',
  models: ['gpt-5'],
  sourceLocation: { path: '/x.jsonl' },
  messages: [
    {
      kind: 'text',
      role: 'user',
      text: 'Why does <script>alert(1)</script> run?',
      timestamp: '2026-03-01T10:00:00.000Z',
    },
    { kind: 'text', role: 'assistant', text: 'Try "><img src=x onerror=alert(2)> and it\'s fine & done' },
    {
      kind: 'tool-call',
      role: 'assistant',
      name: '<b>shell</b>',
      input: { cmd: ['echo', '<svg onload=alert(3)>'] },
    },
    { kind: 'tool-result', role: 'tool', name: 'shell', output: '</pre><script>x()</script>', isError: true },
    { kind: 'context', role: 'user', label: 'AGENTS.md', text: 'Use <iframe src="javascript:alert(4)">' },
    { kind: 'event', role: 'system', event: 'error', text: 'rate limited <marquee>' },
  ],
});

describe('html renderer', () => {
  it('is the default export', () => expect(renderer).toBe(htmlRenderer));

  it('escapes every piece of session text, so no markup or script from a message reaches the page', () => {
    const [page] = render(hostile, { showContext: true });
    const text = page?.text ?? '';
    expect(page?.suffix).toBe('.html');
    // Only the page's own elements appear as markup; everything from the session is text.
    const tags = new Set([...text.matchAll(/<\/?([a-z0-9!]+)/gi)].map((m) => m[1]?.toLowerCase()));
    expect([...tags].sort()).toEqual(
      [
        '!doctype',
        'body',
        'dd',
        'details',
        'div',
        'dl',
        'dt',
        'h1',
        'h2',
        'head',
        'header',
        'html',
        'main',
        'meta',
        'pre',
        'section',
        'style',
        'summary',
        'time',
        'title',
      ].sort(),
    );
    expect(text).toContain(
      '<title>&lt;/title&gt;&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;</title>',
    );
    expect(text).toContain('Why does &lt;script&gt;alert(1)&lt;/script&gt; run?');
    expect(text).toContain('Try &quot;&gt;&lt;img src=x onerror=alert(2)&gt; and it&#39;s fine &amp; done');
    expect(text).toContain('<summary>Tool call: &lt;b&gt;shell&lt;/b&gt;</summary>');
    expect(text).toContain('&quot;&lt;svg onload=alert(3)&gt;&quot;');
    expect(text).toContain(
      '<summary>Tool error: shell</summary><pre>&lt;/pre&gt;&lt;script&gt;x()&lt;/script&gt;</pre>',
    );
    expect(text).toContain('<dd>/home/ana/code/&quot;quoted&quot; &amp; &lt;odd&gt;</dd>');
    // A Content-Security-Policy forbids scripts even if something slipped through (quotes escaped in the attribute).
    expect(text).toContain(
      'content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:"',
    );
  });

  it('renders roles, times and models, and hides context unless asked', () => {
    const text = render(hostile)[0]?.text ?? '';
    expect(text).toContain('<section class="user"><h2>user<time>2026-03-01T10:00:00.000Z</time></h2>');
    expect(text).toContain('<dt>Models</dt><dd>gpt-5</dd>');
    expect(text).not.toContain('AGENTS.md');
    expect(render(hostile, { showContext: true })[0]?.text).toContain(
      '<summary>Context: AGENTS.md</summary>',
    );
    expect(text.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(text.endsWith('</body>\n</html>\n')).toBe(true);
  });

  it('writes subagents to their own linked pages', () => {
    const full = sampleSessions().find((s) => s.children?.length);
    if (!full) throw new Error('the kit has a session with a subagent');
    const files = render(full);
    expect(files.map((f) => f.suffix)).toEqual(['.html', '/agent-a1b2c3d.html']);
    expect(files[0]?.text).toContain(
      '<a href="2026-03-01-1000-fix/agent-a1b2c3d.html">Find where the config is loaded.</a>',
    );
    expect(files[1]?.text).toContain('<a href="../2026-03-01-1000-fix.html">Back to the parent session</a>');
    expect(files[1]?.text).toContain('It is loaded in `src/config.ts`.');
  });

  it('rejects unknown or mistyped options by name', () => {
    expect(() => render(hostile, { theme: 'dark' })).toThrow('convx-render-html: unknown option "theme"');
    expect(() => render(hostile, { showContext: 'yes' })).toThrow(
      'option showContext must be a boolean (got "yes")',
    );
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
