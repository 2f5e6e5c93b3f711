import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codexAdapter, sessionIdFromFileName } from '../src/index.js';
import { utcOffsetOf } from '../src/paths.js';
import { codexDir, discover, home, ids, load, typed } from './support.js';

const locationsFor = (env: Record<string, string | undefined>, h = '/home/alice') =>
  codexAdapter.defaultLocations({ home: h, env, platform: 'linux' });

describe('default locations', () => {
  it('uses ~/.codex without CODEX_HOME', () => {
    expect(locationsFor({})).toEqual(['/home/alice/.codex/sessions', '/home/alice/.codex/archived_sessions']);
  });

  it('respects CODEX_HOME (absolute, ~/ and relative to home)', () => {
    expect(locationsFor({ CODEX_HOME: '/srv/codex' })).toEqual([
      '/srv/codex/sessions',
      '/srv/codex/archived_sessions',
    ]);
    expect(locationsFor({ CODEX_HOME: '~/alt-codex' })[0]).toBe('/home/alice/alt-codex/sessions');
    expect(locationsFor({ CODEX_HOME: 'work/codex' })[1]).toBe('/home/alice/work/codex/archived_sessions');
    expect(locationsFor({ CODEX_HOME: '  ' })[0]).toBe('/home/alice/.codex/sessions');
  });

  it('finds the fixtures through CODEX_HOME when home has none', async () => {
    const locations = codexAdapter.defaultLocations({
      home: '/nonexistent-home',
      env: { CODEX_HOME: codexDir },
      platform: 'linux',
    });
    expect((await discover(locations)).length).toBe(11);
  });
});

describe('discovery', () => {
  it('takes the session id from the file name, with a stat fingerprint and the file as content', async () => {
    const refs = await discover();
    const ref = refs.find((r) => r.sessionId === ids.bareJsonl);
    expect(ref?.path).toBe(
      join(
        codexDir,
        'sessions/2025/08/14/rollout-2025-08-14T09-12-40-5b2e7d10-4c1a-4f3e-8d2b-9e0f1a2b3c4d.jsonl',
      ),
    );
    expect(ref?.fingerprint).toMatch(/^\d+:\d+(\.\d+)?$/);
    expect(ref?.files).toEqual([ref?.path]);
  });

  it('finds the oldest flat .json files and recursive .jsonl files', async () => {
    const paths = (await discover()).map((r) => r.path.slice(codexDir.length + 1));
    expect(paths).toContain('sessions/rollout-2025-05-07-3f9a1c2e-8b4d-4e6f-9a1b-2c3d4e5f6a7b.json');
    expect(paths.filter((p) => p.startsWith('archived_sessions/'))).toEqual([
      'archived_sessions/rollout-2025-09-25T21-05-13-4c8e2f60-1a3b-4d5e-8f70-9a1b2c3d4e5f.jsonl',
    ]);
  });

  it('prefers the live copy of an id that is also archived', async () => {
    const ref = (await discover()).find((r) => r.sessionId === ids.envelope046);
    expect(ref?.path).toContain('/sessions/2025/10/03/');
    const session = await load(ids.envelope046);
    expect(typed(session)[0]).toMatch(/^The RSS feed shows posts in the wrong order/);
    expect(typed(session).join('\n')).not.toContain('ARCHIVED DRAFT');
    expect(session.meta?.archived).toBeUndefined();
  });

  it('prefers the live copy whatever order the locations come in', async () => {
    const refs = await discover([join(codexDir, 'archived_sessions'), join(codexDir, 'sessions')]);
    expect(refs.find((r) => r.sessionId === ids.envelope046)?.path).toContain('/sessions/2025/10/03/');
  });

  it('marks archived-only sessions in meta', async () => {
    expect((await load(ids.archivedOnly)).meta?.archived).toBe(true);
  });

  it('accepts a single rollout file as a location', async () => {
    const file = join(
      codexDir,
      'sessions/2025/08/20/rollout-2025-08-20T16-03-11-8d4c2a19-7e3b-4b5a-a1c6-0f9e8d7c6b5a.jsonl',
    );
    const refs = await discover([file]);
    expect(refs.map((r) => r.sessionId)).toEqual([ids.headerOnly]);
  });

  it('reads ids from every file-name shape', () => {
    expect(sessionIdFromFileName('/x/rollout-2025-05-07-3F9A1C2E-8b4d-4e6f-9a1b-2c3d4e5f6a7b.json')).toBe(
      '3f9a1c2e-8b4d-4e6f-9a1b-2c3d4e5f6a7b',
    );
    expect(
      sessionIdFromFileName('rollout-2026-02-11T09-30-02-019c1f2e-3a4b-7c5d-8e6f-7a8b9c0d1e2f.jsonl'),
    ).toBe('019c1f2e-3a4b-7c5d-8e6f-7a8b9c0d1e2f');
    expect(sessionIdFromFileName('rollout-odd-name.jsonl')).toBe('odd-name');
    // The UUID only counts right before the extension; a bare UUID name is one.
    expect(sessionIdFromFileName('019c1f2e-3a4b-7c5d-8e6f-7a8b9c0d1e2f.jsonl')).toBe(
      '019c1f2e-3a4b-7c5d-8e6f-7a8b9c0d1e2f',
    );
    expect(sessionIdFromFileName('rollout-019c1f2e-3a4b-7c5d-8e6f-7a8b9c0d1e2f-x.jsonl')).toBe(
      '019c1f2e-3a4b-7c5d-8e6f-7a8b9c0d1e2f-x',
    );
    expect(sessionIdFromFileName('rollout-019C1F2E-3a4b-7c5d-8e6f-7a8b9c0d1e2f.JSONL')).toBe(
      '019c1f2e-3a4b-7c5d-8e6f-7a8b9c0d1e2f',
    );
    expect(sessionIdFromFileName('rollout-019c1f2e-3a4b-7c5d-8e6f-7a8b9c0d1e2f.txt')).toBe(
      '019c1f2e-3a4b-7c5d-8e6f-7a8b9c0d1e2f.txt',
    );
  });

  it('reads the clock offset from the local time in the file name and the UTC start', () => {
    const name = (time: string) => `/s/2026/02/11/rollout-${time}-019c1f2e-3a4b-7c5d-8e6f-7a8b9c0d1e2f.jsonl`;
    expect(utcOffsetOf(name('2026-02-11T09-30-02'), '2026-02-11T08:30:02.498Z')).toBe('+01:00');
    expect(utcOffsetOf(name('2026-02-10T19-00-01'), '2026-02-11T00:30:00.000Z')).toBe('-05:30');
    expect(utcOffsetOf(name('2026-02-11T08-30-40'), '2026-02-11T08:30:02.000Z')).toBe('+00:00');
    // Not a whole quarter hour apart, no time in the name, no start: no offset.
    expect(utcOffsetOf(name('2026-02-11T09-37-00'), '2026-02-11T08:30:02.000Z')).toBeUndefined();
    expect(
      utcOffsetOf('/s/rollout-2025-05-07-3F9A1C2E-8b4d-4e6f-9a1b-2c3d4e5f6a7b.json', '2025-05-07T10:00:00Z'),
    ).toBeUndefined();
    expect(utcOffsetOf(name('2026-02-11T09-30-02'), undefined)).toBeUndefined();
    expect(utcOffsetOf(name('2026-02-12T09-30-02'), '2026-02-11T08:30:02.000Z')).toBeUndefined();
  });

  it('uses the fixture home the tests were given', () => {
    expect(home.endsWith('fixtures/home')).toBe(true);
  });
});
