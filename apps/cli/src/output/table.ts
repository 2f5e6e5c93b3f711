/** Display width of a string, ignoring ANSI color codes. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point.
const visibleLength = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '').length;

export type Align = 'left' | 'right';

/**
 * A plain-text table: a header row, then rows; columns padded to their widest cell. Numbers read best
 * right-aligned, so pass `align` per column.
 */
export function formatTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  align: readonly Align[] = [],
  indent = '  ',
): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, col) => Math.max(...all.map((row) => visibleLength(row[col] ?? ''))));
  return all.map(
    (row) =>
      indent +
      row
        .map((cell, col) => {
          const pad = ' '.repeat(Math.max(0, (widths[col] ?? 0) - visibleLength(cell)));
          return align[col] === 'right' ? pad + cell : cell + pad;
        })
        .join('  ')
        .trimEnd(),
  );
}

/** `12345` → `12,345` (fixed locale, so output does not change between machines). */
export const formatCount = (n: number) => n.toLocaleString('en-US');

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export const plural = (n: number, one: string, many = `${one}s`) =>
  `${formatCount(n)} ${n === 1 ? one : many}`;
