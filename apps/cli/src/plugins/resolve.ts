import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** A spec that names a file rather than a package: `./x.js`, `../x`, `/abs/x.js`, `~/x.js`, `C:\x.js`. */
export function isPathSpec(spec: string): boolean {
  return /^(\.{1,2}([/\\]|$)|~([/\\]|$)|[/\\]|[a-z]:[\\/])/i.test(spec) || isAbsolute(spec);
}

export type Resolution = { kind: 'file'; path: string } | { kind: 'missing'; where: string };

/**
 * Finds the file to import for a plugin spec. Paths are relative to `cwd` (`~` is the home folder).
 * Package names resolve like `require.resolve` from `<cwd>/package.json` (node_modules of the repository
 * and its parents); an import-only package (no `require`/`default` export) is read from its package.json.
 */
export function resolvePlugin(spec: string, cwd: string): Resolution {
  if (isPathSpec(spec)) {
    const path = spec.startsWith('~') ? join(homedir(), spec.slice(1)) : resolve(cwd, spec);
    return existsSync(path) ? { kind: 'file', path } : { kind: 'missing', where: path };
  }
  const require = createRequire(join(cwd, 'package.json'));
  try {
    return { kind: 'file', path: require.resolve(spec) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') {
      const entry = importOnlyEntry(spec, cwd);
      if (entry) return { kind: 'file', path: entry };
    }
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') {
      return { kind: 'missing', where: cwd };
    }
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
