import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createAdapterContext, discoveredRefs, type Session } from '@convx/core';
import { afterAll, describe, expect, it } from 'vitest';
import { geminiAdapter } from '../src/index.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function makeHome(files: Record<string, unknown>): string {
  const home = mkdtempSync(join(tmpdir(), 'convx-gemini-'));
  temps.push(home);
  for (const [rel, value] of Object.entries(files)) {
    const path = join(home, '.gemini', rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return home;
}

async function loadAll(home: string, problems: { path: string }[] = []): Promise<Session[]> {
  const ctx = createAdapterContext({ home, onProblem: (p) => problems.push(p) });
  const refs = await discoveredRefs(geminiAdapter.discover(ctx, [join(home, '.gemini', 'tmp')]));
  return Promise.all(refs.map((ref) => geminiAdapter.load(ctx, ref)));
}

const chat = (sessionId: string, text: string, extra: Record<string, unknown> = {}) => ({
  sessionId,
  startTime: '2026-01-05T10:00:00.000Z',
  lastUpdated: '2026-01-05T10:00:00.000Z',
  messages: [{ id: `${sessionId}-m1`, timestamp: '2026-01-05T10:00:00.000Z', type: 'user', content: text }],
  ...extra,
});

describe('gemini edge cases', () => {
  it('keeps the typed prompt apart from the contents its @path references pulled in', async () => {
    const home = makeHome({
      'tmp/proj/chats/session-2026-03-01T09-00-eeee.json': {
        sessionId: 'eeee0000-0000-4000-8000-000000000001',
        messages: [
          {
            id: 'e1',
            timestamp: '2026-03-01T09:00:00.000Z',
            type: 'user',
            content: [
              { text: 'Explain @src/rates.ts briefly' },
              { text: '\n--- Content from referenced files ---' },
              { text: '\nContent from @src/rates.ts:\n' },
              { text: 'export const rate = 0.2;' },
              { text: '\n--- End of content ---' },
            ],
          },
        ],
      },
    });
    const [session] = await loadAll(home);
    expect(session?.messages).toEqual([
      {
        id: 'e1',
        timestamp: '2026-03-01T09:00:00.000Z',
        kind: 'text',
        role: 'user',
        text: 'Explain @src/rates.ts briefly',
      },
      {
        id: 'e1',
        timestamp: '2026-03-01T09:00:00.000Z',
        kind: 'context',
        role: 'user',
        label: 'referenced files',
        text: '--- Content from referenced files ---\n\nContent from @src/rates.ts:\n\nexport const rate = 0.2;\n\n--- End of content ---',
      },
    ]);
  });

  it('resolves a readable folder through projects.json and a hash through the chat’s directories', async () => {
    const listed = '/home/bob/code/dotfiles';
    const unlisted = '/home/bob/code/side-project';
    const home = makeHome({
      'projects.json': { projects: { [listed]: 'dotfiles' } },
      'tmp/dotfiles/chats/session-a.json': chat('aaaa', 'Tidy my zshrc'),
      [`tmp/${sha(unlisted)}/chats/session-b.json`]: chat('bbbb', 'Start a side project', {
        projectHash: sha(unlisted),
        directories: ['/tmp', unlisted],
      }),
    });
    const byId = new Map((await loadAll(home)).map((s) => [s.sessionId, s]));
    expect(byId.get('aaaa')?.cwd).toBe(listed);
    expect(byId.get('bbbb')?.cwd).toBe(unlisted);
  });

  it('keeps a session readable when one of its saves is cut short, with the messages before the cut', async () => {
    const home = makeHome({
      'tmp/proj/chats/session-good.json': chat('cccc', 'Rename the config loader'),
      'tmp/proj/chats/session-bad.json':
        '{"sessionId":"cccc","messages":[{"id":"y","type":"user","content":"written before the crash"},{"id":"x","type":"user","content":"cut sho',
    });
    const [session] = await loadAll(home);
    expect(session?.messages.map((m) => m.kind === 'text' && m.text)).toEqual([
      'written before the crash',
      'Rename the config loader',
    ]);
    expect(session?.diagnostics).toEqual([
      expect.objectContaining({ code: 'truncated-json', path: expect.stringContaining('session-bad.json') }),
    ]);
  });

  it('names a chat without an inner session id after its file, and ignores unknown message types', async () => {
    const home = makeHome({
      'tmp/proj/chats/session-2026-01-05T10-00-dddd.json': {
        messages: [
          {
            id: 'd1',
            type: 'user',
            content: [{ text: 'Hello' }, { fileData: { mimeType: 'text/plain', fileUri: '/x/notes.txt' } }],
          },
          { id: 'd2', type: 'compression', content: 'ignored' },
        ],
      },
    });
    const [session] = await loadAll(home);
    expect(session?.sessionId).toBe('session-2026-01-05T10-00-dddd');
    expect(session?.messages).toEqual([
      {
        id: 'd1',
        kind: 'text',
        role: 'user',
        text: 'Hello',
        attachments: [{ type: 'text/plain', name: 'notes.txt', path: '/x/notes.txt' }],
      },
    ]);
  });

  it('gives a subagent chat that repeats its parent’s id its own id from the file name', async () => {
    const home = makeHome({
      'tmp/proj/chats/session-p.json': chat('pppp', 'Plan the migration'),
      'tmp/proj/chats/pppp/child-1.json': chat('pppp', 'Inspect the schema', { kind: 'subagent' }),
    });
    const sessions = await loadAll(home);
    expect(sessions.map((s) => s.sessionId)).toEqual(['pppp']);
    expect(sessions[0]?.messages.map((m) => m.kind === 'text' && m.text)).toEqual(['Plan the migration']);
    expect(sessions[0]?.children?.map((c) => [c.sessionId, c.agent?.type])).toEqual([
      ['child-1', 'subagent'],
    ]);
  });
});
