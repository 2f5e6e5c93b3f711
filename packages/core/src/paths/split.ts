import { sep } from 'node:path';

/**
 * A listed file's folder and name, for paths `ctx.walk` lists (joined with the platform's separator). One
 * search for the last separator: `dirname` and `basename` step through the name one character at a time,
 * slowly on a walked path (a joined string), and a discovery asks it of thousands of files.
 */
export function splitPath(path: string): { dir: string; name: string } {
  const at = path.lastIndexOf(sep);
  return at < 0 ? { dir: '.', name: path } : { dir: path.slice(0, at) || sep, name: path.slice(at + 1) };
}
