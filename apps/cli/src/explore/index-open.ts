import type { SearchIndex } from '@convx/search';
import type { CliIO } from '../io.js';

/**
 * Opens the output's search index and brings it up to date (new, changed and removed twins), showing
 * progress on a terminal. Twins that cannot be read are reported and left out; they never stop the update.
 */
export async function openExploreIndex(root: string, io: CliIO): Promise<SearchIndex> {
  const { openIndex } = await import('@convx/search');
  const index = await openIndex(root);
  const tty = io.stderr.isTTY === true;
  let shown = 0;
  try {
    const report = await index.update({
      ...(io.signal ? { signal: io.signal } : {}),
      onProgress(done, total) {
        if (!tty || total < 200 || (done !== total && Date.now() - shown < 100)) return;
        shown = Date.now();
        io.stderr.write(`\rIndexing ${done.toLocaleString('en')} / ${total.toLocaleString('en')} sessions…`);
      },
    });
    if (tty && shown) io.stderr.write('\r\x1b[K');
    for (const failure of report.failed)
      io.stderr.write(`convx explore: skipped ${failure.path}: ${failure.message}\n`);
  } catch (error) {
    index.close();
    throw error;
  }
  return index;
}
