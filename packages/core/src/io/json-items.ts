import { basename } from 'node:path';
import type { EachJsonItemOptions, JsonItemsResult } from '../contract/context.js';
import { ConvxError } from '../errors.js';
import { MAX_NESTING } from '../model/nesting.js';
import { type JsonItemEvent, JsonItemScanner } from './json-items-scanner.js';
import { DEFAULT_MAX_LINE_BYTES } from './line-limit.js';
import { fileChunks, type ReadHooks } from './lines.js';

/**
 * Streams the elements of the array at `options.at` in a JSON file (a whole session stored as one document)
 * into `onItem`, and the document's other top-level fields into `options.onField`, without holding the file:
 * memory is bounded by the largest element. A scanner finds where each element ends (it tracks only strings
 * and brackets) and `JSON.parse` turns the element's own bytes into a value — so values are exactly what
 * `JSON.parse` of the whole file gives, at close to its speed.
 *
 * Why not a streaming JSON library: they tokenize every byte in JavaScript. Measured on a 100 MB Cline-like
 * history (CPU time, Node 24): `@streamparser/json` (paths `$.*`) 52–62 MB/s, `stream-json` 3.9 (`parser` +
 * `streamArray`) 69–92 MB/s, `JSON.parse` of the whole file 185–220 MB/s (451 MB peak RSS), this reader
 * 310–440 MB/s with a 73 MB peak RSS (the libraries peaked at 240–300 MB). Details: docs/performance.md.
 *
 * A file that breaks off (a crash mid-write) or turns invalid keeps the elements before the break and adds
 * a `truncated-json` diagnostic; an element that is not valid JSON is skipped as `malformed-item`. A value
 * over the run's limit, or nested deeper than `MAX_NESTING`, fails the session (as a line over it does).
 * Throws only when the file cannot be read or holds no JSON at all.
 */
export async function eachJsonItem(
  path: string,
  onItem: (value: unknown, index: number) => void | Promise<void>,
  options: EachJsonItemOptions = {},
  hooks: ReadHooks = {},
): Promise<JsonItemsResult> {
  const { at = [], diagnostics, onField, fields } = options;
  const { limit } = hooks;
  const name = basename(path);
  // The reader's own limit, when lower than the run's, is the reader's choice: skip the value, say so.
  const own = options.maxItemBytes ?? (limit ? Number.POSITIVE_INFINITY : DEFAULT_MAX_LINE_BYTES);
  const maxBytes = Math.min(own, limit?.bytes ?? Number.POSITIVE_INFINITY);
  const scanner = new JsonItemScanner({
    at,
    wantField: onField ? (key) => !fields || fields.includes(key) : () => false,
    maxBytes,
    maxDepth: MAX_NESTING,
    onOversized: (what, bytes) => {
      if (limit && maxBytes < own) limit.exceeded(path, what, bytes);
      diagnostics?.add('oversized-item', `a JSON value longer than ${maxBytes} bytes was skipped`, { path });
    },
    onTooDeep: (what) => {
      const error = new ConvxError(
        'NESTED_TOO_DEEP',
        `${what} of ${name} is nested deeper than ${MAX_NESTING} levels`,
      );
      throw limit ? limit.fail(error) : error;
    },
  });
  let items = 0;
  const deliver = (event: JsonItemEvent): void | Promise<void> => {
    let value: unknown;
    try {
      value = JSON.parse(event.text);
    } catch {
      const what = event.kind === 'item' ? 'an element of the array' : 'a top-level field';
      diagnostics?.add(`malformed-${event.kind}`, `${what} is not valid JSON; skipped`, { path });
      return;
    }
    if (event.kind === 'field') return onField?.(event.key, value);
    items++;
    return onItem(value, event.index);
  };
  for await (const chunk of fileChunks(path, hooks)) {
    scanner.load(chunk);
    for (let event = scanner.next(); event; event = scanner.next()) {
      const pending = deliver(event);
      if (pending) await pending;
    }
    if (scanner.status !== 'reading') break;
  }
  const status = scanner.finish();
  if (status === 'not-json') throw new Error(`${name} holds no JSON document`);
  if (status === 'broken') {
    diagnostics?.add(
      'truncated-json',
      `the JSON breaks off at byte ${scanner.brokenAt} (cut short while being written?); the ${scanner.items} elements before it were read`,
      { path },
    );
  }
  return { found: scanner.found, items, complete: status !== 'broken' };
}
