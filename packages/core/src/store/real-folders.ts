import { lstatSync, mkdirSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * A folder of the output that convx will not write, rename or delete through: a symbolic link (or a
 * Windows junction), or something that is not a folder. `path` names it.
 */
export class UnsafeFolderError extends Error {
  constructor(
    readonly path: string,
    readonly kind: 'link' | 'not-a-folder',
  ) {
    super(
      kind === 'link'
        ? `${path} is a symbolic link; convx never writes through one: replace it with a real folder`
        : `${path} is not a folder; move it away so convx can make the folder there`,
    );
    this.name = 'UnsafeFolderError';
  }
}

/**
 * The output's folders as this run has checked them. The lexical check (`resolveInside`) keeps a path inside
 * the history folder as written; this keeps it there on disk: every folder between the output root and a
 * file is a real folder, never a link that leads elsewhere. Each folder costs one `lstat` the first time a
 * run writes or deletes below it, and nothing after (a warm run that writes nothing checks nothing). The
 * output root itself is trusted: the user chose it, link or not.
 */
export class RealFolders {
  private readonly root: string;
  private readonly verified = new Set<string>();

  constructor(outputRoot: string) {
    this.root = resolve(outputRoot);
  }

  /**
   * Makes sure `dir` is a real folder below the output root, with real folders all the way down to it,
   * creating the missing ones one at a time (never `mkdir -p`, which follows links). Throws
   * `UnsafeFolderError` naming the first link or non-folder.
   */
  make(dir: string): void {
    if (!this.verified.has(dir)) this.walk(dir, true);
  }

  /**
   * Whether `dir` exists as a chain of real folders below the output root (false when one is missing),
   * creating nothing. Throws `UnsafeFolderError` naming the first link or non-folder.
   */
  exists(dir: string): boolean {
    return this.verified.has(dir) || this.walk(dir, false);
  }

  /** Forgets a folder that was removed, and every folder below it. */
  forget(dir: string): void {
    const below = dir + sep;
    for (const known of this.verified)
      if (known === dir || known.startsWith(below)) this.verified.delete(known);
  }

  private walk(dir: string, create: boolean): boolean {
    const rel = relative(this.root, dir);
    if (rel === '') return true;
    if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      throw new Error(`refusing a folder outside the output: ${dir}`);
    }
    let current = this.root;
    for (const part of rel.split(sep)) {
      current = join(current, part);
      if (this.verified.has(current)) continue;
      if (!checkFolder(current, create)) return false;
      this.verified.add(current);
    }
    // Remembered under the caller's spelling too, which is what later calls ask for.
    this.verified.add(dir);
    return true;
  }
}

/** One folder: true when it is a real one (made if asked), false when it is missing. */
function checkFolder(path: string, create: boolean): boolean {
  let stats = lstatSync(path, { throwIfNoEntry: false });
  if (stats === undefined) {
    if (!create) return false;
    try {
      mkdirSync(path);
      return true;
    } catch (error) {
      // Made meanwhile (or a link planted meanwhile): look again.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      stats = lstatSync(path);
    }
  }
  if (stats.isSymbolicLink()) throw new UnsafeFolderError(path, 'link');
  if (!stats.isDirectory()) throw new UnsafeFolderError(path, 'not-a-folder');
  return true;
}
