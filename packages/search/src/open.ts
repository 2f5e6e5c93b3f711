import type { OpenIndexOptions, SearchIndex } from './types.js';

/**
 * Opens (creating when needed) the search index of a convx output. The index is a cache of the JSON twins:
 * call `update()` before searching to bring it in line with them.
 */
export async function openIndex(outputRoot: string, options: OpenIndexOptions = {}): Promise<SearchIndex> {
  void outputRoot;
  void options;
  throw new Error('@convx/search: openIndex is being implemented on the search branch.');
}
