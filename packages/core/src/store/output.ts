import { access, constants, lstat, mkdir, readdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ConvxError, isDiskFull } from '../errors.js';
import { STATE_DIR } from './index-file.js';
import { type RealFolders, UnsafeFolderError } from './real-folders.js';

export { toPosix } from '../paths/posix.js';

/**
 * Checks that the output root can be written, and prepares `.convx/` (state is git-ignored, config is not).
 * A symbolic link at `.convx` or anywhere inside it (one committed to the history repository arrives with a
 * clone or a pull) stops the run before anything is read or written through it.
 */
export async function prepareOutput(outputRoot: string, dryRun: boolean): Promise<void> {
  const s = await stat(outputRoot).catch(() => undefined);
  if (!s?.isDirectory()) {
    throw new ConvxError(
      'OUTPUT_NOT_WRITABLE',
      `The output folder ${outputRoot} does not exist; create it first.`,
    );
  }
  await refuseLinksInConvx(outputRoot);
  if (dryRun) return;
  try {
    await access(outputRoot, constants.W_OK);
    await mkdir(join(outputRoot, STATE_DIR, 'tmp'), { recursive: true });
  } catch (error) {
    // A full disk is not a permission problem: the engine says so in its own words.
    if (isDiskFull(error)) throw error;
    throw new ConvxError(
      'OUTPUT_NOT_WRITABLE',
      `Cannot write to the output folder ${outputRoot}; check its permissions or choose another --output-path.`,
      undefined,
      { cause: error },
    );
  }
  await ignoreStateFolder(outputRoot);
}

/**
 * Writes `.convx/.gitignore` (keeping `state/` out of git) unless it exists; for anything that creates files
 * in the state folder (runs, the search index). Written once, exclusively: an existing file (the user's own
 * edits) is kept.
 */
export async function ignoreStateFolder(outputRoot: string): Promise<void> {
  await mkdir(join(outputRoot, '.convx'), { recursive: true });
  await writeFile(join(outputRoot, '.convx', '.gitignore'), STATE_IGNORE, { flag: 'wx' }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    },
  );
}

const STATE_IGNORE = '# convx state (index, cache, lock) is rebuilt from the exported files.\nstate/\n';

/**
 * Throws a ConvxError (`OUTPUT_SYMLINK`) naming it when `<root>/.convx` or anything inside it is a symbolic
 * link: convx reads and writes its config and state only in real files and folders, whatever a clone brought.
 */
export async function refuseLinksInConvx(root: string): Promise<void> {
  const convx = join(root, '.convx');
  const top = await lstat(convx).catch(() => undefined);
  if (top?.isSymbolicLink()) throw convxLinkError(convx);
  if (!top?.isDirectory()) return;
  // A handful of entries (config, state files, the temp folder); a recursive listing never enters a link.
  // An unreadable folder is reported by whatever needs it next.
  const entries = await readdir(convx, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isSymbolicLink()) throw convxLinkError(join(entry.parentPath, entry.name));
  }
}

const convxLinkError = (path: string) =>
  new ConvxError(
    'OUTPUT_SYMLINK',
    `${path} is a symbolic link, and convx never follows a link inside .convx/ (its state and config): remove the link, or replace it with a copy of what it points to, and run again.`,
  );

/**
 * Checks the folders from the output root down to the history folder: a link among them would send the whole
 * history elsewhere, so it stops the run (a link further down fails only the sessions below it).
 */
export function checkHistoryFolder(folders: RealFolders, historyDir: string): void {
  try {
    folders.exists(historyDir);
  } catch (error) {
    if (!(error instanceof UnsafeFolderError)) throw error;
    throw error.kind === 'link'
      ? new ConvxError(
          'OUTPUT_SYMLINK',
          `${error.path} is a symbolic link, and convx writes the history only into real folders inside the output: replace it with a folder, or choose another history subpath.`,
        )
      : new ConvxError(
          'OUTPUT_NOT_WRITABLE',
          `${error.path} is not a folder; move it away, or choose another history subpath.`,
        );
  }
}

/** Removes temp files a killed run may have left; called under the lock. */
export async function clearTemp(outputRoot: string): Promise<void> {
  const tmp = join(outputRoot, STATE_DIR, 'tmp');
  await mkdir(tmp, { recursive: true });
  // Emptied, never removed: a run starting meanwhile makes sure of the folder before it waits for the lock,
  // and a folder gone between its mkdir's EEXIST and stat failed that run ("cannot write to the output").
  for (const name of await readdir(tmp)) await rm(join(tmp, name), { recursive: true, force: true });
}

/**
 * Resolves a relative output path inside the history folder, or throws: whatever a session's cwd, title or
 * a renderer's suffix says, nothing may be written outside it.
 */
export function resolveInside(historyDir: string, relativePath: string): string {
  if (isAbsolute(relativePath)) throw new Error(`refusing absolute output path ${relativePath}`);
  const root = resolve(historyDir);
  const target = resolve(root, relativePath);
  // A prefix test on the resolved paths (`relative` would resolve both again, for every file written).
  if (!target.startsWith(root.endsWith(sep) ? root : root + sep)) {
    throw new Error(`refusing output path outside the history folder: ${relativePath}`);
  }
  return target;
}

/**
 * Deletes an earlier output file, given relative to the output root as the index records it (so it is found
 * even after the history subpath changed), then the folders it leaves empty, never the output root itself.
 * Refuses anything outside the root or inside `.convx/` or `.git/`, and throws `UnsafeFolderError` when a
 * folder on the way is a symbolic link: nothing is deleted through one (a link at the file's own name is
 * removed itself, never what it points to).
 */
export async function removeOldOutput(
  outputRoot: string,
  relativePath: string,
  folders: RealFolders,
): Promise<boolean> {
  const parts = relativePath.split('/');
  if (isAbsolute(relativePath) || parts.includes('..') || parts.length < 2) return false;
  if (parts[0] === '.convx' || parts[0] === '.git') return false;
  const root = resolve(outputRoot);
  const target = resolve(root, relativePath);
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false;
  // A missing folder holds no file: nothing to delete.
  if (!folders.exists(dirname(target))) return true;
  await rm(target, { force: true });
  for (let dir = dirname(target); dir !== root && !relative(root, dir).startsWith('..'); dir = dirname(dir)) {
    const entries = await readdir(dir).catch(() => undefined);
    if (!entries || entries.length > 0) break;
    await rmdir(dir).catch(() => {});
    folders.forget(dir);
  }
  return true;
}
