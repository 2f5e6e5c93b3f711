import type { AdapterContext, DiagnosticsCollector } from '@convx/core';
import { keepLine } from './load-filter.js';
import type { SourceFile } from './types.js';

/**
 * Streams the records of files in order into `onRecord`, skipping progress and snapshot lines unparsed.
 * A file that vanished or cannot be read is a diagnostic; only when none of them can be read does it throw.
 */
export async function readRecords(
  ctx: AdapterContext,
  files: SourceFile[],
  diagnostics: DiagnosticsCollector,
  onRecord: (record: unknown) => void | Promise<void>,
): Promise<void> {
  let failure: unknown;
  let read = 0;
  for (const file of files) {
    try {
      await ctx.eachJsonl(file.path, onRecord, diagnostics, { filter: keepLine, filterHeadBytes: 4096 });
      read++;
    } catch (error) {
      ctx.signal.throwIfAborted();
      failure ??= error;
      diagnostics.add('unreadable-file', `could not read the file: ${String(error)}`, { path: file.path });
    }
    ctx.signal.throwIfAborted();
  }
  if (files.length && !read) throw failure;
}
