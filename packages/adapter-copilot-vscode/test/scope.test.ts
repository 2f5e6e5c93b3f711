import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createAdapterContext, type DiscoveryScope, discoveredRefs, type SessionRef } from '@convx/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type CopilotVscodeRefData, copilotVscodeAdapter } from '../src/index.js';
import { chat, request, tempDir, writeTree } from './helpers.js';

// In a filtered run (`convx sync`), a workspace's chat file the index records as out of scope costs no stat:
// its folder is the one the workspace's `workspace.json` names, which never changes.

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

const ID1 = '11111111-2222-4333-8444-555555555555';
const ID2 = '22222222-2222-4333-8444-555555555555';
const WS = 'workspaceStorage/aaaa0000bbbb1111cccc2222dddd3333';

async function userDir(files: Record<string, string>): Promise<string> {
  const root = await tempDir();
  roots.push(root);
  const user = join(root, 'Code', 'User');
  writeTree(user, { [`${WS}/workspace.json`]: '{"folder":"file:///home/alice/app"}', ...files });
  return user;
}

async function discover(user: string, outside: string[]): Promise<SessionRef<CopilotVscodeRefData>[]> {
  const scope: DiscoveryScope = {
    includes: () => false,
    knownOutside: (path) =>
      outside.includes(path)
        ? { fingerprint: 'recorded', sessionId: 'x', cwd: '/home/alice/app' }
        : undefined,
  };
  return discoveredRefs(copilotVscodeAdapter.discover(createAdapterContext({ home: user, scope }), [user]));
}

describe('discovery in a filtered run', () => {
  it('lists a known-outside chat file with its recorded fingerprint, and the others as always', async () => {
    const user = await userDir({
      [`${WS}/chatSessions/${ID1}.json`]: chat(ID1, [request('theirs')]),
      [`${WS}/chatSessions/${ID2}.json`]: chat(ID2, [request('mine')]),
    });
    const theirs = join(user, WS, 'chatSessions', `${ID1}.json`);
    const refs = await discover(user, [theirs]);
    expect(refs.map((r) => [r.sessionId, r.fingerprint === 'recorded', r.data?.storage])).toEqual([
      [ID1, true, 'workspace'],
      [ID2, false, 'workspace'],
    ]);
    expect(refs[0]?.size).toBe(0);
    expect(refs[1]?.fingerprint).toMatch(/^json:\d+:\d+(\.\d+)?$/);
  });

  it('still prefers the .jsonl log of a chat when only its .json copy is known to be outside', async () => {
    const user = await userDir({
      [`${WS}/chatSessions/${ID1}.json`]: chat(ID1, [request('json')]),
      [`${WS}/chatSessions/${ID1}.jsonl`]: JSON.stringify({ kind: 0, v: JSON.parse(chat(ID1, [])) }),
    });
    const refs = await discover(user, [join(user, WS, 'chatSessions', `${ID1}.json`)]);
    expect(refs.map((r) => [r.data?.generation, r.fingerprint.startsWith('jsonl:')])).toEqual([
      ['jsonl', true],
    ]);
  });

  it('stats every chat file without a scope', async () => {
    const user = await userDir({ [`${WS}/chatSessions/${ID1}.json`]: chat(ID1, [request('a')]) });
    const refs = await discoveredRefs(
      copilotVscodeAdapter.discover(createAdapterContext({ home: user }), [user]),
    );
    expect(refs.map((r) => r.fingerprint)).toEqual([expect.stringMatching(/^json:\d+:\d+(\.\d+)?$/)]);
  });
});
