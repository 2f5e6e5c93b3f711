/**
 * Typo suggestions, shared by the config file's unknown keys and the command line's unknown commands, flags
 * and sources: the known word within edit distance 2 (a swapped pair of letters counts as one edit).
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const typed = word.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(typed, candidate.toLowerCase());
    if (distance <= 2 && distance < typed.length && (!best || distance < best.distance))
      best = { candidate, distance };
  }
  return best?.candidate;
}

/** ` (did you mean backup?)`, or an empty string when nothing is close. */
export function didYouMean(word: string, candidates: readonly string[], prefix = ''): string {
  const guess = closest(word, candidates);
  return guess ? ` (did you mean ${prefix}${guess}?)` : '';
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      let distance = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        distance = Math.min(distance, (beforePrevious[j - 2] ?? 0) + 1);
      current[j] = distance;
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}
