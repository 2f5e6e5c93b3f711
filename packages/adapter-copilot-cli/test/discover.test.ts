import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { createAdapterContext } from '@convx/core';
import { describe, expect, it } from 'vitest';
import { copilotCliAdapter } from '../src/index.js';
import { copilotRoots, defaultLocations } from '../src/paths.js';
import { brief, discover, event, sessionFolder, tempHome, write } from './helpers.js';

const A = '11111111-2222-4333-8444-555555555555';
const B = '66666666-7777-4888-9999-aaaaaaaaaaaa';

describe('default locations', () => {
  it('reads ~/.copilot, $COPILOT_HOME and the XDG folders versions up to ~0.0.421 used', () => {
    expect(copilotRoots({ home: '/home/u', env: {} })).toEqual(['/home/u/.copilot']);
    expect(
      copilotRoots({
        home: '/home/u',
        env: {
          COPILOT_HOME: '~/sync/copilot',
          XDG_STATE_HOME: '/home/u/.local/state',
          XDG_CONFIG_HOME: '/home/u/.config',
        },
      }),
    ).toEqual([
      '/home/u/sync/copilot',
      '/home/u/.copilot',
      '/home/u/.local/state/.copilot',
      '/home/u/.config/.copilot',
    ]);
    expect(defaultLocations({ home: '/home/u', env: {}, platform: 'darwin' })).toEqual([
      '/home/u/.copilot/session-state',
      '/home/u/.copilot/history-session-state',
    ]);
  });

  it('finds sessions under $COPILOT_HOME', async () => {
    const home = tempHome();
    const elsewhere = join(home, 'elsewhere');
    write(
      join(elsewhere, 'session-state', A, 'events.jsonl'),
      `${event('user.message', { content: 'hi' })}\n`,
    );
    const { refs } = await discover(home, { COPILOT_HOME: elsewhere });
    expect(refs.map((r) => r.sessionId)).toEqual([A]);
  });
});

describe('discovery', () => {
  it('lists every generation by name alone, and never reads session-store.db', async () => {
    const home = tempHome();
    const root = join(home, '.copilot');
    write(join(root, 'history-session-state', `session_${A}_1759308000000.json`), '{}');
    write(join(root, 'session-state', `${B}.jsonl`), 'not even JSON');
    sessionFolder(home, 'c3c3c3c3-0000-4000-8000-000000000000', ['{}'], 'summary: x\n');
    write(join(root, 'session-store.db'), 'SQLite format 3\u0000');
    write(join(root, 'session-state', 'notes.jsonl'), '{}');
    write(join(root, 'command-history-state.json'), '{}');
    const { refs, problems } = await discover(home);
    expect(refs.map((r) => [r.sessionId, r.data?.format])).toEqual([
      [A, 'history-json'],
      [B, 'event-log'],
      ['c3c3c3c3-0000-4000-8000-000000000000', 'session-folder'],
    ]);
    expect(problems).toEqual([]);
  });

  it('prefers the newest generation of an id found twice, and lends a bare log its folder’s workspace.yaml', async () => {
    const home = tempHome();
    const root = join(home, '.copilot');
    write(join(root, 'history-session-state', `session_${A}_1.json`), '{}');
    sessionFolder(home, A, [event('user.message', { content: 'new' })]);
    write(join(root, 'session-state', `${B}.jsonl`), `${event('user.message', { content: 'bare' })}\n`);
    write(join(root, 'session-state', B, 'workspace.yaml'), 'summary: Named by its folder\ncwd: /w\n');
    const { refs } = await discover(home);
    expect(refs.map((r) => [r.sessionId, r.data?.format, r.files?.length])).toEqual([
      [A, 'session-folder', 1],
      [B, 'event-log', 2],
    ]);
    const bare = refs[1];
    if (!bare) throw new Error('no ref');
    const session = await copilotCliAdapter.load(createAdapterContext({ home }), bare);
    expect(session).toMatchObject({ title: 'Named by its folder', cwd: '/w' });
  });

  it('skips a folder with workspace.yaml only, saying why', async () => {
    const home = tempHome();
    write(join(home, '.copilot', 'session-state', A, 'workspace.yaml'), 'cwd: /w\n');
    const { refs } = await discover(home);
    expect(refs.map((r) => [r.sessionId, r.skip])).toEqual([[A, 'no conversation recorded']]);
  });

  it('accepts a .copilot folder, a session folder or one file as a location', async () => {
    const home = tempHome();
    const events = sessionFolder(home, A, [event('user.message', { content: 'x' })]);
    const bare = write(
      join(home, 'copy', 'old-session.jsonl'),
      `${event('user.message', { content: 'y' })}\n`,
    );
    const ids = async (location: string) =>
      (await discover(home, {}, [location])).refs.map((r) => r.sessionId);
    expect(await ids(join(home, '.copilot'))).toEqual([A]);
    expect(await ids(join(home, '.copilot', 'session-state', A))).toEqual([A]);
    expect(await ids(events)).toEqual([A]);
    expect(await ids(bare)).toEqual(['old-session']);
  });

  it('fingerprints by stat: a changed workspace.yaml re-exports the session', async () => {
    const home = tempHome();
    sessionFolder(home, A, [event('user.message', { content: 'x' })], 'summary: one\n');
    const before = (await discover(home)).refs[0]?.fingerprint;
    const yaml = join(home, '.copilot', 'session-state', A, 'workspace.yaml');
    utimesSync(yaml, new Date(), new Date(Date.now() + 5000));
    const after = (await discover(home)).refs[0]?.fingerprint;
    expect(before).toMatch(/^\d+:[\d.]+\+\d+:[\d.]+$/);
    expect(after).not.toBe(before);
  });
});

describe('workspace.yaml', () => {
  it('titles by the name a person gave, else the generated summary; a broken file is a diagnostic', async () => {
    const load = async (yaml: string) => {
      const home = tempHome();
      sessionFolder(home, A, [event('user.message', { content: 'x' })], yaml);
      const { refs } = await discover(home);
      const ref = refs[0];
      if (!ref) throw new Error('no ref');
      return copilotCliAdapter.load(createAdapterContext({ home }), ref);
    };
    expect((await load('name: Mine\nuser_named: true\nsummary: Generated\n')).title).toBe('Mine');
    expect((await load('name: Auto\nuser_named: false\nsummary: Generated\n')).title).toBe('Generated');
    const broken = await load('summary: [unclosed\n');
    expect(broken.title).toBeUndefined();
    expect(broken.messages.map(brief)).toEqual(['user: x']);
    expect(broken.diagnostics.map((d) => d.code)).toEqual(['unreadable-workspace']);
  });
});
