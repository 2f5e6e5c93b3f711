import type { Adapter, SessionRef } from '../../contract/adapter.js';
import type { AdapterContext, DiscoveryCache, DiscoveryScope, Logger } from '../../contract/context.js';
import { eachDiscoveredRef } from '../../contract/discovery.js';
import { describeError } from '../../errors.js';
import { createAdapterContext } from '../../io/context.js';
import { pathExists } from '../../io/fs.js';
import type { RunMemo } from '../../io/memo.js';
import type { ScratchBuffers } from '../../io/scratch-buffers.js';
import type { SourceTally } from '../tally.js';
import type { SyncOptions, SyncReport } from '../types.js';

/** What the sessions of one source share: its adapter context and its tally. */
export interface DiscoveredSource {
  ctx: AdapterContext;
  tally: SourceTally;
}

export interface DiscoverEnv {
  options: Pick<SyncOptions, 'inputs' | 'locationEnv' | 'signal'>;
  log: Logger;
  cache: DiscoveryCache;
  /** The adapter's run-scoped memo (`ctx.memo`), disposed by the run when it ends. */
  memo: RunMemo;
  /** The run's reusable read buffers. */
  buffers: ScratchBuffers;
  /** A filtered run's scope for this adapter (`ctx.scope`). */
  scope?: DiscoveryScope;
  /** Locations that do not exist are added here. */
  missingLocations: SyncReport['missingLocations'];
}

/**
 * Lists an adapter's sessions, once per id. All of its locations that exist go to one `discover` call, so it
 * can merge a session split across them. An entry it cannot read (`ctx.report`), or a discovery that throws,
 * is one discovered entry that failed, not the end of the run.
 */
export async function discoverSource(
  adapter: Adapter,
  tally: SourceTally,
  env: DiscoverEnv,
): Promise<DiscoveredSource & { refs: SessionRef[] }> {
  const { options } = env;
  const ctx = createAdapterContext({
    home: options.locationEnv.home,
    log: env.log,
    cache: env.cache,
    memo: env.memo,
    buffers: env.buffers,
    ...(env.scope ? { scope: env.scope } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onProblem: (problem) => tally.failedEntry(problem),
  });
  const locations = options.inputs?.[adapter.name] ?? adapter.defaultLocations(options.locationEnv);
  const refs: SessionRef[] = [];
  const seen = new Set<string>();
  const present: string[] = [];
  for (const location of locations) {
    const found = await pathExists(location);
    if (found === true) present.push(location);
    else if (found === false) env.missingLocations.push({ source: adapter.name, path: location });
    // There, but not even a stat is allowed (no permission on a folder above it): reported, never "missing".
    else ctx.report({ path: location, message: `cannot read this location (${found})` });
  }
  try {
    if (present.length) {
      // Ref by ref: what an async generator yielded before it threw is still discovered.
      await eachDiscoveredRef(adapter.discover(ctx, present), (ref) => {
        if (seen.has(ref.sessionId)) return;
        seen.add(ref.sessionId);
        refs.push(ref);
      });
    }
  } catch (error) {
    if (options.signal?.aborted) throw error;
    tally.failedEntry({ path: present.join(', '), message: `discovery failed: ${describeError(error)}` });
  }
  tally.found(refs.length);
  return { ctx, refs, tally };
}
