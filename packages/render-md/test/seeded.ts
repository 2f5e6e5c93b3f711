/**
 * A deterministic source of random integers (xorshift32: integer-only, so the sequence is the same on every
 * machine), for the tests that compare a fast path with the general one on many generated inputs.
 */
export function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
}

/** A string of up to `maxPieces - 1` pieces drawn from `pieces`. */
export function randomText(next: () => number, pieces: readonly string[], maxPieces: number): string {
  let text = '';
  const length = next() % maxPieces;
  for (let k = 0; k < length; k++) text += pieces[next() % pieces.length];
  return text;
}
