import { createAdapterContext, type DiscoveryScope, type KnownOutside } from '@convx/core';
import { recordingCache } from '@convx/core/testing';
import { describe, expect, it } from 'vitest';
import { API, discoverAll, home, ID, projects, WEB } from './helpers.js';

// In a filtered run (`convx sync`), a conversation the index records as out of scope costs no stat or peek
// of its own transcript — when the folder that decided it came from that transcript's records.

const own = (dir: string, id: string) => `${dir}/${id}.jsonl`;

/** Discovery with a scope that knows the given transcripts (with their recorded folder); the cache keys used. */
async function discoverScoped(known: Record<string, string>) {
  const outside = new Map<string, KnownOutside>(
    Object.entries(known).map(([path, cwd]) => [
      path,
      {
        fingerprint: `recorded:${path.slice(-12)}`,
        sessionId: path.slice(path.lastIndexOf('/') + 1, -6),
        cwd,
      },
    ]),
  );
  const scope: DiscoveryScope = { includes: () => false, knownOutside: (path) => outside.get(path) };
  const { cache: spy, touched } = recordingCache();
  const refs = await discoverAll([projects], createAdapterContext({ home, cache: spy, scope }));
  return { refs, touched, byId: (id: string) => refs.find((r) => r.sessionId === id) };
}

describe('discovery in a filtered run', () => {
  it('lists a known-outside conversation with its recorded fingerprint, never reading its head', async () => {
    const path = own(API, ID.rateLimit);
    const { byId, touched } = await discoverScoped({ [path]: '/srv/api' });
    expect(byId(ID.rateLimit)?.fingerprint).toBe(`recorded:${path.slice(-12)}`);
    expect(byId(ID.rateLimit)?.path).toBe(path);
    expect(touched.some((key) => key.includes(path))).toBe(false);
    expect(touched.some((key) => key.includes(own(API, ID.review)))).toBe(true);
  });

  it('discovers as always when the recorded folder is only the guess from the project folder’s name', async () => {
    // No record named a folder when it was rejected: a later one may name this repository.
    const { byId } = await discoverScoped({ [own(API, ID.rateLimit)]: '/home/alice/code/api' });
    expect(byId(ID.rateLimit)?.fingerprint).toMatch(/^\d+:\d+$/);
  });

  it('discovers as always a conversation that has another transcript (a continuation)', async () => {
    const plain = (await discoverAll([projects])).find((r) => r.sessionId === ID.resumed);
    const { byId } = await discoverScoped({ [own(WEB, ID.resumed)]: '/srv/web' });
    expect(byId(ID.resumed)?.fingerprint).toBe(plain?.fingerprint);
    expect(byId(ID.resumed)?.data?.files).toEqual(plain?.data?.files);
  });

  it('finds the same conversations, files and order as without a scope', async () => {
    const plain = await discoverAll([projects]);
    const { refs } = await discoverScoped({
      [own(WEB, ID.login)]: '/srv/web',
      [own(WEB, ID.resumed)]: '/srv/web',
      [own(API, ID.review)]: '/srv/api',
    });
    expect(refs.map((r) => [r.sessionId, r.path, r.files])).toEqual(
      plain.map((r) => [r.sessionId, r.path, r.files]),
    );
  });
});
