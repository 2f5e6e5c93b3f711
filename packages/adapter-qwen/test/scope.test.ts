import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdapterContext, type DiscoveryScope, discoveredRefs, type SessionRef } from '@convx/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type QwenRefData, qwenAdapter } from '../src/index.js';

// In a filtered run (`convx sync`), a chat the index records as out of scope costs no stat: its folder is the
// first `cwd` its records name, which appending never changes.

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'convx-qwen-scope-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function chat(projects: string, id: string): Promise<string> {
  const dir = join(projects, '-w', 'chats');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${id}.jsonl`);
  await writeFile(path, `${JSON.stringify({ sessionId: id, type: 'user', cwd: '/w' })}\n`);
  return path;
}

async function discover(locations: string[], outside: string[]): Promise<SessionRef<QwenRefData>[]> {
  const scope: DiscoveryScope = {
    includes: () => false,
    knownOutside: (path) =>
      outside.includes(path) ? { fingerprint: 'recorded', sessionId: 'x' } : undefined,
  };
  return discoveredRefs(qwenAdapter.discover(createAdapterContext({ home: root, scope }), locations));
}

describe('discovery in a filtered run', () => {
  it('lists a known-outside chat with its recorded fingerprint, and the others as always', async () => {
    const projects = join(root, 'projects');
    const theirs = await chat(projects, 's1');
    const mine = await chat(projects, 's2');
    const refs = await discover([projects], [theirs]);
    expect(refs.map((r) => [r.sessionId, r.path, r.fingerprint === 'recorded'])).toEqual([
      ['s1', theirs, true],
      ['s2', mine, false],
    ]);
    expect(refs[1]?.fingerprint).toMatch(/^\d+:\d+(\.\d+)?$/);
  });

  it('stats a known-outside chat after all when another copy has its id, and the newest still wins', async () => {
    const older = await chat(join(root, 'a'), 's1');
    const newer = await chat(join(root, 'b'), 's1');
    await utimes(older, new Date(1_000_000), new Date(1_000_000));
    const refs = await discover([join(root, 'a'), join(root, 'b')], [older, newer]);
    expect(refs.map((r) => r.path)).toEqual([newer]);
    expect(refs[0]?.fingerprint).toMatch(/^\d+:\d+(\.\d+)?$/);
  });
});
