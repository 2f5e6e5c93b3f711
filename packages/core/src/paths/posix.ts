import { sep } from 'node:path';

/** A native relative path with `/` separators, as output paths, index keys and reports spell it. */
export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
