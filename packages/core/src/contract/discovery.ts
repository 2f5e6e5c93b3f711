import type { Discovery, SessionRef } from './adapter.js';

/**
 * Every ref a `discover` call answers, whichever shape it takes ({@link Discovery}): an array is returned as
 * it is (`for await` over it would make a promise per ref), an iterable or async iterable is gathered.
 */
export async function discoveredRefs<Data>(discovery: Discovery<Data>): Promise<SessionRef<Data>[]> {
  const found = await discovery;
  if (Array.isArray(found)) return found;
  const refs: SessionRef<Data>[] = [];
  if (Symbol.iterator in found) for (const ref of found) refs.push(ref);
  else for await (const ref of found) refs.push(ref);
  return refs;
}
