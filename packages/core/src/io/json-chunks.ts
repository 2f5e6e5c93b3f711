const PIECE_CHARS = 32 * 1024;

/**
 * A JSON object serialized in pieces of about 32 KiB, byte-identical to `JSON.stringify(Object.fromEntries(entries))`.
 * Big state files (the index of 10,000 sessions is ~10 MB) then never exist as one string: such strings
 * live in V8's large-object space until a full collection and raise the process's peak memory.
 */
export function* jsonObjectChunks(entries: Iterable<[string, unknown]>): Generator<string> {
  let piece = '{';
  let first = true;
  for (const [key, value] of entries) {
    const json = JSON.stringify(value);
    if (json === undefined) continue; // as JSON.stringify drops undefined values
    piece += `${first ? '' : ','}${JSON.stringify(key)}:${json}`;
    first = false;
    if (piece.length >= PIECE_CHARS) {
      yield piece;
      piece = '';
    }
  }
  yield `${piece}}`;
}
