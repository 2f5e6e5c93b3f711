import { openIndex, type SearchIndex } from '@convx/search';
import { fakeIndex } from './fake-index.js';

/**
 * The real search index of a test output, brought up to date. `CONVX_EXPLORE_FAKE_INDEX=1` uses the
 * stand-in instead (for working on the app while the index is unavailable).
 */
export async function testIndex(outputRoot: string): Promise<SearchIndex> {
  if (process.env.CONVX_EXPLORE_FAKE_INDEX === '1') return fakeIndex(outputRoot);
  const index = await openIndex(outputRoot);
  await index.update();
  return index;
}
