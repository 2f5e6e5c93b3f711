import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolvePackage } from '@convx/core';

/** A spec that names a file rather than a package: `./x.js`, `../x`, `/abs/x.js`, `~/x.js`, `C:\x.js`. */
export function isPathSpec(spec: string): boolean {
  return /^(\.{1,2}([/\\]|$)|~([/\\]|$)|[/\\]|[a-z]:[\\/])/i.test(spec) || isAbsolute(spec);
}

export type Resolution = { kind: 'file'; path: string } | { kind: 'missing'; where: string };

/** The folder of convx itself: a global install's plugins live in the node_modules around it. */
const convxDir = dirname(fileURLToPath(import.meta.url));

/**
 * Finds the file to import for a plugin spec. Paths are relative to `cwd` (`~` is the home folder).
 * Package names resolve like `require.resolve` from `<cwd>/package.json` (node_modules of the repository
 * and its parents), then from each of `besides` (by default convx's own folder, so `npm install -g` of
 * convx and a plugin works for a backup repository without a package.json); an import-only package (no
 * `require`/`default` export) is read from its package.json (core's `resolvePackage`, which the run spec uses too).
 */
export function resolvePlugin(
  spec: string,
  cwd: string,
  besides: readonly string[] = [convxDir],
): Resolution {
  if (isPathSpec(spec)) {
    const path = spec.startsWith('~') ? join(homedir(), spec.slice(1)) : resolve(cwd, spec);
    return existsSync(path) ? { kind: 'file', path } : { kind: 'missing', where: path };
  }
  for (const dir of [cwd, ...besides]) {
    const path = resolvePackage(spec, dir);
    if (path) return { kind: 'file', path };
  }
  return { kind: 'missing', where: cwd };
}
