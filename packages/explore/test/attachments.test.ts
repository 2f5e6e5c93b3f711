import { readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Explorer, startExplorer } from '../src/index.js';
import { fakeIndex } from './support/fake-index.js';
import { appDir, backupFixtures } from './support/fixture-output.js';
import { send } from './support/http.js';

// The fixtures' Claude webapp session carries a pasted PNG, which the backup saved beside its transcript.
const WEBAPP = 'claude:3f6b2c1e-8a4d-4e7b-9c2a-5d1e0f7a9b31';
const PNG = 'bae1c44904c6b66d.png';
const url = (key: string, name: string) => `/api/sessions/${encodeURIComponent(key)}/attachments/${name}`;

describe('saved attachments', () => {
  let explorer: Explorer;
  let out: string;
  let folder: string;
  beforeAll(async () => {
    out = await backupFixtures();
    const index = await fakeIndex(out);
    const session = index.getSession(WEBAPP);
    if (!session) throw new Error(`${WEBAPP} is not in the fixtures' backup`);
    folder = join(out, session.path.replace(/\.md$/, ''), 'attachments');
    explorer = await startExplorer({ index, port: 0, appDir });
  });
  afterAll(() => explorer.close());

  it('serves an image inline, byte for byte, with the security headers', async () => {
    const reply = await send(explorer.port, url(WEBAPP, PNG));
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('image/png');
    expect(reply.headers['content-disposition']).toBeUndefined();
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['content-security-policy']).toContain("default-src 'none'");
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    const onDisk = await readFile(join(folder, PNG), 'latin1');
    expect(reply.body.length).toBeGreaterThan(0);
    expect(Number(reply.headers['content-length'])).toBe(Buffer.byteLength(onDisk, 'latin1'));
  });

  it('sends anything but a raster image as a download, never as a document', async () => {
    await writeFile(
      join(folder, '0123456789abcdef.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    const reply = await send(explorer.port, url(WEBAPP, '0123456789abcdef.svg'));
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/octet-stream');
    expect(reply.headers['content-disposition']).toBe('attachment; filename="0123456789abcdef.svg"');
  });

  it('refuses names that are not content-addressed, other sessions, links and unknown files', async () => {
    const outside = join(out, '..', 'secret.png');
    await writeFile(outside, 'not yours');
    await symlink(outside, join(folder, 'fedcba9876543210.png'));
    for (const path of [
      url(WEBAPP, 'fedcba9876543210.png'), // a link planted in the folder
      url(WEBAPP, 'aaaaaaaaaaaaaaaa.png'), // no such file
      url('claude:nope', PNG), // no such session
      `/api/sessions/${encodeURIComponent(WEBAPP)}/attachments/..%2F..%2Fsecret.png`,
      `/api/sessions/${encodeURIComponent(WEBAPP)}/attachments/../../secret.png`,
    ]) {
      const reply = await send(explorer.port, path);
      expect(reply.status, path).toBe(404);
      expect(reply.body).not.toContain('not yours');
    }
  });
});
