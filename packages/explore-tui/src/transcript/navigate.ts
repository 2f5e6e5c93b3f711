import type { TranscriptDoc } from './doc.js';
import type { MatchScan } from './matches.js';
import type { DocLine } from './message-lines.js';

/** Rows of a message that show a match. */
function matchRows(lines: readonly DocLine[]): number[] {
  const rows: number[] = [];
  lines.forEach((line, i) => {
    if (line.segments.some((s) => s.style === 'mark')) rows.push(i);
  });
  return rows;
}

/**
 * Puts the cursor on the first (or last) row of message `m` that shows a match, expanding the message when
 * the match is inside a collapsed tool call, result, thinking or context.
 */
export async function showMatch(doc: TranscriptDoc, m: number, last = false): Promise<void> {
  let rows = matchRows(await doc.linesOf(m));
  if (rows.length === 0 && !doc.isExpanded(m) && doc.lines(m).some((line) => line.toggle)) {
    await doc.toggle(m);
    rows = matchRows(doc.lines(m));
  }
  await doc.goTo(m, (last ? rows.at(-1) : rows[0]) ?? 0);
}

/**
 * `n` / `N`: the next or previous row showing a match — in the cursor's message first, then in the next
 * message the scan found, wrapping around the ends. Returns what to say, if anything.
 */
export async function jumpToMatch(
  doc: TranscriptDoc,
  scan: MatchScan,
  dir: 1 | -1,
): Promise<string | undefined> {
  if (doc.terms.length === 0) return 'No search to repeat: / finds words in this transcript';
  const { m, l } = doc.cursor;
  const here = matchRows(await doc.linesOf(m));
  const within = dir === 1 ? here.find((r) => r > l) : here.findLast((r) => r < l);
  if (within !== undefined) {
    await doc.goTo(m, within);
    return undefined;
  }
  const next = await scan.next(m, dir);
  if (next !== undefined) {
    await showMatch(doc, next, dir === -1);
    return undefined;
  }
  const all = await scan.all();
  const wrapped = dir === 1 ? all[0] : all.at(-1);
  if (wrapped === undefined)
    return `No match of ${doc.terms.map((t) => `“${t}”`).join(' or ')} in this transcript`;
  await showMatch(doc, wrapped, dir === -1);
  return dir === 1 ? 'Search wrapped to the top' : 'Search wrapped to the bottom';
}
