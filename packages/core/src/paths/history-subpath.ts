/**
 * Why `subpath` cannot hold the history, or undefined when it can: it must name a folder inside the output,
 * other than the output itself, outside `.convx/` (convx's state: its temp folder is cleared on every run)
 * and outside any `.git/` (git's own, never tracked). Phrased to follow the value: `/x is absolute`.
 */
export function historySubpathProblem(subpath: string): string | undefined {
  if (/^([/\\]|[a-z]:)/i.test(subpath)) return 'is absolute';
  const parts = subpath.split(/[\\/]+/).filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) return 'leaves the output folder';
  if (parts.length === 0) return 'is empty';
  // macOS and Windows ignore case, and Windows trailing dots and spaces: `.Convx.` is `.convx` there.
  const names = parts.map((part) => part.replace(/[. ]+$/, '').toLowerCase());
  if (names[0] === '.convx') return 'is inside .convx/, where convx keeps its state';
  if (names.includes('.git')) return 'is inside .git/, which belongs to git';
  return undefined;
}
