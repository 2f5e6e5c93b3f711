import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createAdapterContext, discoveredRefs, type Session, type SessionRef } from '@convx/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createCopilotVscodeAdapter } from '../src/index.js';
import type { CopilotVscodeRefData } from '../src/types.js';
import { chat, request, tempDir, writeTree } from './helpers.js';

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

async function userDir(files: Record<string, string>): Promise<string> {
  const root = await tempDir();
  roots.push(root);
  const user = join(root, 'User');
  writeTree(user, files);
  return user;
}

const adapter = createCopilotVscodeAdapter();

async function discover(user: string, ctx = createAdapterContext({ home: user })) {
  const refs = await discoveredRefs(adapter.discover(ctx, [user]));
  return { ctx, refs: refs.sort((a, b) => (a.sessionId < b.sessionId ? -1 : 1)) };
}

const texts = (session: Session) => session.messages.map((m) => (m.kind === 'text' ? m.text : m.kind));

describe('flat chatSessions/<id>.json files (streamed request by request)', () => {
  it('reads the chat fields wherever they stand, before or after the requests', async () => {
    const requests = [request('first', { response: [{ value: 'one' }] })];
    const body = JSON.stringify({
      requests,
      version: 3,
      sessionId: 'c1',
      customTitle: 'Fields after the requests',
      creationDate: Date.UTC(2026, 0, 5, 9),
      lastMessageDate: Date.UTC(2026, 0, 5, 9, 5),
      initialLocation: 'panel',
      responderUsername: 'GitHub Copilot',
    });
    const user = await userDir({ 'globalStorage/emptyWindowChatSessions/c1.json': body });
    const { ctx, refs } = await discover(user);
    const session = await adapter.load(ctx, refs[0] as SessionRef<CopilotVscodeRefData>);
    expect(session.title).toBe('Fields after the requests');
    expect(session.startedAt).toBe('2026-01-05T09:00:00.000Z');
    expect(session.meta).toMatchObject({ version: 3, initialLocation: 'panel', responder: 'GitHub Copilot' });
    expect(texts(session)).toEqual(['first', 'one']);
  });

  it('a file cut short keeps the requests before the cut, with a diagnostic', async () => {
    const whole = chat('c1', [
      request('kept', { response: [{ value: 'kept reply' }] }),
      request('cut off', { response: [{ value: 'never finished' }] }),
    ]);
    const cut = whole.slice(0, whole.indexOf('cut off') + 3);
    const user = await userDir({ 'globalStorage/emptyWindowChatSessions/c1.json': cut });
    const { ctx, refs } = await discover(user);
    const session = await adapter.load(ctx, refs[0] as SessionRef<CopilotVscodeRefData>);
    expect(texts(session)).toEqual(['kept', 'kept reply']);
    expect(session.diagnostics?.map((d) => d.code)).toEqual(['truncated-json']);
  });

  it('a file with no JSON at all is an empty chat with a diagnostic, not a failure', async () => {
    const user = await userDir({ 'globalStorage/emptyWindowChatSessions/c1.json': '   \n' });
    const { ctx, refs } = await discover(user);
    const session = await adapter.load(ctx, refs[0] as SessionRef<CopilotVscodeRefData>);
    expect(session.messages).toEqual([]);
    expect(session.diagnostics?.map((d) => d.code)).toEqual(['malformed-file']);
  });

  it('keeps requests other participants answered before Copilot joined the chat, in order', async () => {
    const other = { extensionId: { value: 'acme.chat-buddy' }, id: 'acme.buddy' };
    const body = chat('c1', [
      request('to the buddy', { agent: other, response: [{ value: 'buddy reply' }] }),
      request('to copilot', { response: [{ value: 'copilot reply' }] }),
    ]);
    const user = await userDir({ 'globalStorage/emptyWindowChatSessions/c1.json': body });
    const { ctx, refs } = await discover(user);
    const session = await adapter.load(ctx, refs[0] as SessionRef<CopilotVscodeRefData>);
    expect(texts(session)).toEqual(['to the buddy', 'buddy reply', 'to copilot', 'copilot reply']);
    expect(session.meta?.otherParticipant).toBeUndefined();
  });
});

describe('workspace.json', () => {
  it('is read once per workspace per run: every chat of the workspace shares it', async () => {
    const user = await userDir({
      'workspaceStorage/abc/workspace.json': JSON.stringify({ folder: 'file:///home/me/code/shop' }),
      'workspaceStorage/abc/chatSessions/c1.json': chat('c1', [request('one')]),
      'workspaceStorage/abc/chatSessions/c2.json': chat('c2', [request('two')]),
    });
    const { ctx, refs } = await discover(user);
    const [first, second] = refs as [SessionRef<CopilotVscodeRefData>, SessionRef<CopilotVscodeRefData>];
    expect((await adapter.load(ctx, first)).cwd).toBe('/home/me/code/shop');
    // Changed under the run: the run keeps what it read (a workspace's folder never changes in VS Code).
    await writeFile(
      join(user, 'workspaceStorage/abc/workspace.json'),
      JSON.stringify({ folder: 'file:///elsewhere' }),
    );
    expect((await adapter.load(ctx, second)).cwd).toBe('/home/me/code/shop');
    expect((await adapter.load(ctx, first)).meta?.workspaceId).toBe('abc');
    // A new run reads it again.
    const next = await discover(user);
    expect((await adapter.load(next.ctx, next.refs[0] as SessionRef<CopilotVscodeRefData>)).cwd).toBe(
      '/elsewhere',
    );
  });
});
