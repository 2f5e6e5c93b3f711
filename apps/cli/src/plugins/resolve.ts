import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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
 * `require`/`default` export) is read from its package.json.
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

/** A package's entry file as seen from `dir`, or undefined when it is not installed there. */
function resolvePackage(spec: string, dir: string): string | undefined {
  const require = createRequire(join(dir, 'package.json'));
  try {
    return require.resolve(spec);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return importOnlyEntry(spec, dir);
    if (code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

/** The `import` entry of a package whose exports map offers no `require`/`default` condition. */
function importOnlyEntry(name: string, cwd: string): string | undefined {
  let dir = cwd;
  for (;;) {
    const manifest = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: unknown };
      const root =
        typeof pkg.exports === 'object' && pkg.exports !== null && '.' in pkg.exports
          ? (pkg.exports as Record<string, unknown>)['.']
          : pkg.exports;
      const target = pickImport(root);
      return target ? join(dirname(manifest), target) : undefined;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function pickImport(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (typeof entry !== 'object' || entry === null) return undefined;
  const conditions = entry as Record<string, unknown>;
  for (const condition of ['node', 'import', 'default']) {
    const found = pickImport(conditions[condition]);
    if (found) return found;
  }
  return undefined;
}
