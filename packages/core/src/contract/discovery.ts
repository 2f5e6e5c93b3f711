import type { Discovery, SessionRef } from './adapter.js';

/**
 * Hands each ref a `discover` call answers to `onRef`, whichever shape it takes ({@link Discovery}): an
 * array without a promise per ref (as `for await` would make), an async iterable as it yields — so the refs
 * before a discovery that throws midway are still handed over.
 */
export async function eachDiscoveredRef<Data>(
  discovery: Discovery<Data>,
  onRef: (ref: SessionRef<Data>) => void,
): Promise<void> {
  const found = await discovery;
  if (Symbol.iterator in found) for (const ref of found) onRef(ref);
  else for await (const ref of found) onRef(ref);
}

/** Every ref a `discover` call answers, whichever shape it takes: an array is returned as it is. */
export async function discoveredRefs<Data>(discovery: Discovery<Data>): Promise<SessionRef<Data>[]> {
  const found = await discovery;
  if (Array.isArray(found)) return found;
  const refs: SessionRef<Data>[] = [];
  await eachDiscoveredRef(found, (ref) => refs.push(ref));
  return refs;
}
