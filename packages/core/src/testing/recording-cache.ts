import type { DiscoveryCache } from '../contract/context.js';
import { memoryCache } from '../io/context.js';

/**
 * An in-memory discovery cache that records every key read or written, in order: for tests that check what
 * a discovery looked at (a filtered run's skipped sessions must leave no key of theirs).
 */
export function recordingCache(): { cache: DiscoveryCache; touched: string[] } {
  const inner = memoryCache();
  const touched: string[] = [];
  const cache: DiscoveryCache = {
    get: (key) => {
      touched.push(key);
      return inner.get(key);
    },
    set: (key, value) => {
      touched.push(key);
      inner.set(key, value);
    },
  };
  return { cache, touched };
}
