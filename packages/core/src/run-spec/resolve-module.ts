import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A specifier that names a file: an absolute path (POSIX or Windows) or a `file:` URL. */
export function isFileSpecifier(specifier: string): boolean {
  return specifier.startsWith('file:') || isAbsolute(specifier) || /^[a-z]:[\\/]/i.test(specifier);
}

/** The folder a `resolveFrom` entry stands for: itself, or a module URL's folder. */
function folderOf(base: string): string {
  return base.startsWith('file:') ? dirname(fileURLToPath(base)) : base;
}

/**
 * The file URL of a module: a file specifier as it is; a package name as `require.resolve` finds it from each
 * of `from` in turn (node_modules there and above), an import-only package (no `require`/`default` export)
 * read from its package.json. Undefined when no folder has it.
 */
export function resolveModule(specifier: string, from: readonly string[]): string | undefined {
  if (isFileSpecifier(specifier))
    return specifier.startsWith('file:') ? specifier : pathToFileURL(specifier).href;
  for (const base of from) {
    const path = resolvePackage(specifier, folderOf(base));
    if (path) return pathToFileURL(path).href;
  }
  return undefined;
}

/** A package's entry file as seen from `dir`, or undefined when it is not installed there. */
export function resolvePackage(specifier: string, dir: string): string | undefined {
  const require = createRequire(join(dir, 'package.json'));
  try {
    return require.resolve(specifier);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return importOnlyEntry(specifier, dir);
    if (code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

/** The `import` entry of a package whose exports map offers no `require`/`default` condition. */
function importOnlyEntry(specifier: string, from: string): string | undefined {
  const [scopeOrName = '', second] = specifier.split('/');
  const name = scopeOrName.startsWith('@') && second ? `${scopeOrName}/${second}` : scopeOrName;
  const subpath = `.${specifier.slice(name.length)}`;
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: unknown };
      const exportsMap = pkg.exports;
      const entry =
        typeof exportsMap === 'object' && exportsMap !== null && subpath in exportsMap
          ? (exportsMap as Record<string, unknown>)[subpath]
          : subpath === '.'
            ? exportsMap
            : undefined;
      const target = pickImport(entry);
      return target ? join(dirname(manifest), target) : undefined;
    }
    if (dirname(dir) === dir) return undefined;
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
