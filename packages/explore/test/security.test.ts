import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Explorer, startExplorer } from '../src/index.js';
import { fakeIndex } from './support/fake-index.js';
import { appDir, backupFixtures } from './support/fixture-output.js';
import { send } from './support/http.js';

describe('explorer security', () => {
  let out: string;
  let explorer: Explorer;
  let port: number;
  beforeAll(async () => {
    out = await backupFixtures();
    explorer = await startExplorer({ index: await fakeIndex(out), port: 0, appDir });
    port = explorer.port;
  });
  afterAll(() => explorer.close());

  it('listens on loopback only by default', () => {
    expect(explorer.host).toBe('127.0.0.1');
    expect(explorer.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(explorer.url).toBe(`http://127.0.0.1:${port}/`);
  });

  it('refuses a Host header that is not the bound address or localhost (DNS rebinding)', async () => {
    for (const host of [
      `evil.example:${port}`,
      `127.0.0.1:${port + 1}`,
      'localhost',
      `localhost.evil.example:${port}`,
    ]) {
      const reply = await send(port, '/api/sessions', { Host: host });
      expect(reply.status, host).toBe(403);
      expect(reply.body).not.toContain('sessions');
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      expect((await send(port, '/api/sessions', { Host: host })).status, host).toBe(200);
    }
  });

  it('refuses cross-site and cross-origin requests', async () => {
    const refused: Record<string, string>[] = [
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
      { Origin: 'https://evil.example' },
      { Origin: `http://localhost:${port + 1}` },
      { Origin: 'null' },
    ];
    for (const headers of refused)
      expect((await send(port, '/api/sessions', headers)).status, JSON.stringify(headers)).toBe(403);
    const allowed: Record<string, string>[] = [
      { 'Sec-Fetch-Site': 'same-origin' },
      { 'Sec-Fetch-Site': 'none' },
      { Origin: `http://127.0.0.1:${port}` },
      {},
    ];
    for (const headers of allowed)
      expect((await send(port, '/api/sessions', headers)).status, JSON.stringify(headers)).toBe(200);
  });

  it('sends no CORS header, ever, and answers no preflight', async () => {
    const replies = [
      await send(port, '/api/sessions', { Origin: `http://127.0.0.1:${port}` }),
      await send(port, '/api/sessions', { Origin: 'https://evil.example' }),
      await send(
        port,
        '/api/sessions',
        { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' },
        'OPTIONS',
      ),
      await send(port, '/'),
    ];
    for (const reply of replies) {
      expect(Object.keys(reply.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
    expect(replies[2]?.status).toBe(405);
  });

  it('is read-only: every method but GET and HEAD is refused', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      expect((await send(port, '/api/sessions', {}, method)).status, method).toBe(405);
    }
    expect((await send(port, '/api/sessions', {}, 'HEAD')).status).toBe(200);
  });

  it('sends a strict Content-Security-Policy, and the page has no inline script or style', async () => {
    for (const path of ['/', '/stats', '/api/sessions', '/assets/app.js', '/nope']) {
      const csp = String((await send(port, path)).headers['content-security-policy']);
      expect(csp, path).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
    }
    const html = (await send(port, '/')).body;
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script type="module" src="/assets/app.js">']);
    expect(html).not.toMatch(/<style|\sstyle=|\son\w+=/i);
    const reply = await send(port, '/');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['x-frame-options']).toBe('DENY');
  });

  it('serves only the built app files, nothing else from disk', async () => {
    for (const path of [
      '/assets/../package.json',
      '/assets/%2e%2e/package.json',
      '/assets/index.js',
      '/package.json',
    ]) {
      expect((await send(port, path)).status, path).toBe(404);
    }
    expect((await send(port, '/assets/app.js')).headers['content-type']).toContain('text/javascript');
  });
});

describe('explorer on a non-loopback address', () => {
  let explorer: Explorer;
  beforeAll(async () => {
    const out = await backupFixtures();
    // Bound to every interface, but every request of this test goes to 127.0.0.1.
    explorer = await startExplorer({ index: await fakeIndex(out), host: '0.0.0.0', port: 0, appDir });
  });
  afterAll(() => explorer.close());

  it('generates a token, prints it in the URL and requires it', async () => {
    const { port, token } = explorer;
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(explorer.url).toBe(`http://localhost:${port}/?token=${token}`);
    const host = { Host: `localhost:${port}` };
    expect((await send(port, '/api/sessions', host)).status).toBe(401);
    expect((await send(port, '/', host)).status).toBe(401);
    expect((await send(port, '/api/sessions?token=wrong-token-wrong-token', host)).status).toBe(401);
    expect((await send(port, '/api/sessions', { ...host, Authorization: `Bearer ${token}` })).status).toBe(
      200,
    );
    const landing = await send(port, `/s/x?token=${token}`, host);
    expect(landing.status).toBe(303);
    expect(landing.headers.location).toBe('/s/x');
    const cookie = String(landing.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const sent = cookie.split(';')[0] ?? '';
    expect((await send(port, '/api/sessions', { ...host, Cookie: sent })).status).toBe(200);
  });

  it('keeps a token it was given', async () => {
    const out = await backupFixtures();
    const other = await startExplorer({
      index: await fakeIndex(out),
      host: '0.0.0.0',
      port: 0,
      token: 'a-token-of-my-own-choosing',
      appDir,
    });
    try {
      expect(other.url).toContain('?token=a-token-of-my-own-choosing');
    } finally {
      await other.close();
    }
  });
});
