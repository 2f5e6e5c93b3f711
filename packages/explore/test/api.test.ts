import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Explorer, startExplorer, type TranscriptPage } from '../src/index.js';
import { fakeIndex } from './support/fake-index.js';
import { appDir, backupFixtures, HOSTILE } from './support/fixture-output.js';
import { send } from './support/http.js';

const RATE_LIMITER = 'claude:a2c4e6f8-1357-4924-8b6d-0e2f4a6c8e1a';
const PAYMENTS = 'codex:019c1f2e-3a4b-7c5d-8e6f-7a8b9c0d1e2f';

describe('explorer transcript API', () => {
  let explorer: Explorer;
  let port: number;
  const json = async <T>(path: string, status = 200): Promise<T> => {
    const reply = await send(port, path);
    expect(reply.status, `${path}: ${reply.body}`).toBe(status);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.headers['cache-control']).toBe('no-store');
    return JSON.parse(reply.body) as T;
  };
  beforeAll(async () => {
    const out = await backupFixtures();
    explorer = await startExplorer({ index: await fakeIndex(out), port: 0, appDir });
    port = explorer.port;
  });
  afterAll(() => explorer.close());

  it('returns a page of a session with its facts, resume command and Markdown path', async () => {
    const page = await json<TranscriptPage>(`/api/sessions/${encodeURIComponent(PAYMENTS)}?limit=5&offset=2`);
    expect(page).toMatchObject({
      key: PAYMENTS,
      agent: '',
      source: 'codex',
      cwd: '/home/alice/work/payments-api',
      branch: 'bug/refund-quantize',
      total: 17,
      offset: 2,
      resume: 'cd /home/alice/work/payments-api && codex resume 019c1f2e-3a4b-7c5d-8e6f-7a8b9c0d1e2f',
      user: 'demo',
      machine: 'demo-machine',
    });
    expect(page.kinds).toHaveLength(17);
    expect(page.messages).toHaveLength(5);
    expect(page.messages[2]).toMatchObject({ kind: 'text', role: 'user' });
    expect(page.markdownPath).toMatch(
      /history\/demo\/codex\/demo-machine\/work\/payments-api\/2026-02-11-0830-refunds-.*\.md$/,
    );
    expect(page.children).toEqual([
      expect.objectContaining({
        agent: '0',
        title: 'Nova (explorer)',
        type: 'explorer',
        messageCount: 5,
        spawnedBy: null,
      }),
    ]);
  });

  it('returns a subagent by its address, with the trail back to its parent', async () => {
    const page = await json<TranscriptPage>(`/api/sessions/${encodeURIComponent(RATE_LIMITER)}?agent=0`);
    expect(page).toMatchObject({
      agent: '0',
      title: 'Find unthrottled routes',
      total: 2,
      resume: expect.stringContaining('claude --resume a2c4e6f8'),
    });
    expect(page.trail).toEqual([{ agent: '', title: 'Rate limiter for the search endpoint' }]);
    expect(page.markdownPath).toMatch(
      /2025-08-28-1620-rate-limiter-for-the-search-endpoint\/agent-sidechain-1\.md$/,
    );
    const parent = await json<TranscriptPage>(`/api/sessions/${encodeURIComponent(RATE_LIMITER)}`);
    expect(parent.children[0]?.spawnedBy).toBe(9);
  });

  it('finds text across the whole session and returns one message whole', async () => {
    const found = await json<{ matches: number[] }>(
      `/api/sessions/${encodeURIComponent(PAYMENTS)}/find?q=QUANTIZE`,
    );
    expect(found.matches).toEqual([4, 10, 12]);
    expect(await json(`/api/sessions/${encodeURIComponent(PAYMENTS)}/messages/4`)).toMatchObject({
      kind: 'text',
      role: 'user',
    });
  });

  it('answers mistakes with 400 or 404 and one sentence', async () => {
    const key = encodeURIComponent(PAYMENTS);
    expect(await json(`/api/sessions/${key}?agent=../x`, 400)).toEqual({
      error: expect.stringMatching(/^agent must be/),
    });
    expect(await json(`/api/sessions/${key}?limit=abc`, 400)).toEqual({
      error: 'limit must be a whole number, not "abc".',
    });
    expect(await json(`/api/sessions/${key}?agent=7`, 404)).toEqual({
      error: 'That session has no such subagent.',
    });
    expect(await json('/api/sessions/codex%3Anope', 404)).toEqual({
      error: 'No session codex:nope in the index.',
    });
    expect(await json(`/api/sessions/${key}/find`, 400)).toEqual({ error: 'q must hold the text to find.' });
    expect(await json('/api/nothing', 404)).toEqual({ error: 'No API endpoint /nothing.' });
    expect(await json('/api/sessions?sort=sideways', 400)).toEqual({
      error: 'sort must be one of newest, oldest.',
    });
  });

  it('passes filters through to the index', async () => {
    const page = await json<{ sessions: { source: string }[]; total: number }>(
      '/api/sessions?source=gemini,opencode&limit=3',
    );
    expect(page.sessions).toHaveLength(3);
    expect(new Set(page.sessions.map((s) => s.source))).toEqual(new Set(['gemini', 'opencode']));
    expect(page.total).toBe(8);
  });

  it('downloads a conversation as one self-contained HTML file whose markup cannot run', async () => {
    const reply = await send(port, `/api/sessions/${encodeURIComponent(HOSTILE.key)}/export.html`);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-disposition']).toMatch(
      /^attachment; filename="2026-11-20-1000-hostile-markup-check.*\.html"$/,
    );
    const html = reply.body;
    // Its own policy: only the inlined viewer (by hash) runs; nothing is fetched.
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("default-src 'none'");
    expect(html).not.toMatch(/\s(src|href)=["']?https?:/);
    // The hostile text is data: every `<` inside the JSON is escaped, so it cannot close the script element.
    const data =
      /<script type="application\/json" id="convx-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(data).not.toContain('<');
    const parsed = JSON.parse(data) as { pages: Record<string, TranscriptPage> };
    expect(JSON.stringify(parsed.pages['']?.messages)).toContain(HOSTILE.script.replaceAll('"', '\\"'));
    // Exactly two script elements: the data and the inlined viewer (whose own text holds `<script` in a regex).
    expect(html.match(/<script( type="application\/json" id="convx-data")?>/g)).toHaveLength(2);
    expect(html).not.toMatch(/<img/i);
    // Subagents travel with the session.
    const withAgents = await send(port, `/api/sessions/${encodeURIComponent(RATE_LIMITER)}/export.html`);
    const pages = JSON.parse(/id="convx-data">([\s\S]*?)<\/script>/.exec(withAgents.body)?.[1] ?? '{}') as {
      pages: Record<string, TranscriptPage>;
    };
    expect(Object.keys(pages.pages).sort()).toEqual(['', '0']);
    expect(pages.pages['0']?.messages).toHaveLength(2);
    expect(pages.pages['']?.messages).toHaveLength(12);
  });
});
