import type { SearchIndex, UpdateReport } from '@convx/search';
import type { CliIO } from '../io.js';
import { colorsFor } from '../output/colors.js';

const REDRAW_MS = 100;
/** A progress line only for updates this big (a first build, a big pull); small ones take a moment. */
const PROGRESS_FROM = 200;
const LISTED_FAILURES = 5;

/**
 * Updates the index before a query: a progress line on stderr when it is a terminal and there is much to
 * do, and each twin that could not be indexed as a warning (it never fails the command).
 */
export async function updateWithProgress(
  index: SearchIndex,
  io: CliIO,
  flags: { json?: boolean; noColor?: boolean },
): Promise<UpdateReport> {
  const colors = colorsFor(io.stderr, io.env, flags.noColor);
  const show = io.stderr.isTTY === true;
  let drawn = false;
  let last = 0;
  const report = await index.update({
    ...(io.signal ? { signal: io.signal } : {}),
    onProgress(done, total) {
      if (!show || total < PROGRESS_FROM) return;
      const now = Date.now();
      if (now - last < REDRAW_MS && done < total) return;
      last = now;
      io.stderr.write(`\r\u001b[2K${colors.dim(`Indexing sessions for search… ${done}/${total}`)}`);
      drawn = true;
    },
  });
  if (drawn) io.stderr.write('\r\u001b[2K');
  for (const failure of report.failed.slice(0, LISTED_FAILURES)) {
    io.stderr.write(`${colors.yellow(`warning: not searchable: ${failure.path}: ${failure.message}`)}\n`);
  }
  if (report.failed.length > LISTED_FAILURES) {
    io.stderr.write(
      `${colors.yellow(`warning: and ${report.failed.length - LISTED_FAILURES} more not searchable`)}\n`,
    );
  }
  return report;
}
