import { join } from 'node:path';
import { createAdapterContext, type DiscoveryScope, discoveredRefs, type KnownOutside } from '@convx/core';
import { recordingCache } from '@convx/core/testing';
import { describe, expect, it } from 'vitest';
import { codexAdapter } from '../src/index.js';
import { codexDir, discover, home } from './support.js';

// In a filtered run (`convx sync`), a rollout the index records as out of scope costs neither a stat nor the
// peek at its first line: its folder is fixed by its first line, so appending cannot bring it into scope.

const locations = codexAdapter.defaultLocations({ home, env: {}, platform: process.platform });
const live = (day: string, name: string) => join(codexDir, 'sessions', day, name);
const V7 = live('2025/11/19', 'rollout-2025-11-19T13-47-30-0199f0e1-d2c3-7b4a-8596-a7b8c9d0e1f2.jsonl');
const V4 = live('2025/08/14', 'rollout-2025-08-14T09-12-40-5b2e7d10-4c1a-4f3e-8d2b-9e0f1a2b3c4d.jsonl');
const ARCHIVED_TOO = live(
  '2025/10/03',
  'rollout-2025-10-03T18-22-47-0199a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b.jsonl',
);
const PARENT = live('2026/02/11', 'rollout-2026-02-11T09-30-02-019c1f2e-3a4b-7c5d-8e6f-7a8b9c0d1e2f.jsonl');
const CHILD = live('2026/02/11', 'rollout-2026-02-11T09-31-40-019c1f31-7b2a-7e10-9c44-5d6e7f8a9b0c.jsonl');

/** Discovery with a scope knowing the given paths as out of scope; the cache keys it read or wrote. */
async function discoverScoped(outside: string[]) {
  const known = new Map<string, KnownOutside>(
    outside.map((path) => [path, { fingerprint: `recorded:${path.slice(-12)}`, sessionId: 'x' }]),
  );
  const scope: DiscoveryScope = { includes: () => false, knownOutside: (path) => known.get(path) };
  const { cache: spy, touched } = recordingCache();
  const ctx = createAdapterContext({ home, cache: spy, scope });
  const refs = await discoveredRefs(codexAdapter.discover(ctx, locations));
  return { refs, touched, byPath: (path: string) => refs.find((r) => r.path === path) };
}

describe('discovery in a filtered run', () => {
  it('lists a known-outside rollout with its recorded fingerprint, never peeking at it', async () => {
    const { byPath, touched } = await discoverScoped([V7]);
    expect(byPath(V7)?.fingerprint).toBe(`recorded:${V7.slice(-12)}`);
    expect(touched.some((key) => key.includes(V7))).toBe(false);
    // Its neighbours are discovered as always.
    expect(touched.some((key) => key.includes(PARENT))).toBe(true);
  });

  it('finds the same sessions in the same order as without a scope', async () => {
    const plain = await discover();
    const { refs } = await discoverScoped([V7, PARENT]);
    expect(refs.map((r) => [r.sessionId, r.path, r.files])).toEqual(
      plain.map((r) => [r.sessionId, r.path, r.files]),
    );
  });

  it('still nests a new subagent rollout under a known-outside parent', async () => {
    const { byPath } = await discoverScoped([PARENT]);
    const parent = byPath(PARENT);
    expect(parent?.fingerprint).toBe(`recorded:${PARENT.slice(-12)}`);
    expect(parent?.files).toEqual([PARENT, CHILD]);
    expect(parent?.data?.children.map((c) => c.path)).toEqual([CHILD]);
  });

  it('stats a rollout whose first line may not name its folder (not the session_meta generation)', async () => {
    const { byPath } = await discoverScoped([V4]);
    expect(byPath(V4)?.fingerprint).toMatch(/^\d+:\d+(\.\d+)?$/);
  });

  it('stats a known-outside rollout after all when another file has its id (to pick the newer)', async () => {
    const { refs } = await discoverScoped([ARCHIVED_TOO]);
    const ref = refs.find((r) => r.sessionId === '0199a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b');
    expect(ref?.path).toBe(ARCHIVED_TOO);
    expect(ref?.fingerprint).toMatch(/^\d+:\d+(\.\d+)?$/);
  });
});
