import { access, constants, mkdir, readdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ConvxError } from '../errors.js';
import { STATE_DIR } from '../index-store/store.js';

export const toPosix = (p: string) => p.split(sep).join('/');

/** Checks that the output root can be written, and prepares `.convx/` (state is git-ignored, config is not). */
export async function prepareOutput(outputRoot: string, dryRun: boolean): Promise<void> {
  const s = await stat(outputRoot).catch(() => undefined);
  if (!s?.isDirectory()) {
    throw new ConvxError(
      'OUTPUT_NOT_WRITABLE',
      `The output folder ${outputRoot} does not exist; create it first.`,
    );
  }
  if (dryRun) return;
  try {
    await access(outputRoot, constants.W_OK);
    await mkdir(join(outputRoot, STATE_DIR, 'tmp'), { recursive: true });
  } catch (error) {
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
 * Writes `.convx/.gitignore` (keeping `state/` out of git) unless it exists; for anything that creates
 * files in the state folder (runs, the search index).
 */
export async function ignoreStateFolder(outputRoot: string): Promise<void> {
  const ignore = join(outputRoot, '.convx', '.gitignore');
  if (!(await stat(ignore).catch(() => undefined))) {
    await mkdir(dirname(ignore), { recursive: true });
    await writeFile(
      ignore,
      '# convx state (index, cache, lock, search index) is rebuilt from the exported files.\nstate/\n',
    );
  }
}

/** Removes temp files a killed run may have left; called under the lock. */
export async function clearTemp(outputRoot: string): Promise<void> {
  const tmp = join(outputRoot, STATE_DIR, 'tmp');
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
}

/**
 * Resolves a relative output path inside the history folder, or throws: whatever a session's cwd, title or
 * a renderer's suffix says, nothing may be written outside it.
 */
export function resolveInside(historyDir: string, relativePath: string): string {
  if (isAbsolute(relativePath)) throw new Error(`refusing absolute output path ${relativePath}`);
  const root = resolvedRoot(historyDir);
  const target = resolve(root, relativePath);
  // A prefix test on the resolved paths (`relative` would resolve both again, for every file written).
  if (!target.startsWith(root.endsWith(sep) ? root : root + sep)) {
    throw new Error(`refusing output path outside the history folder: ${relativePath}`);
  }
  return target;
}

let lastRoot = { dir: '', resolved: '' };
/** The history folder resolved; one run asks for the same one thousands of times. */
function resolvedRoot(historyDir: string): string {
  if (lastRoot.dir !== historyDir) lastRoot = { dir: historyDir, resolved: resolve(historyDir) };
  return lastRoot.resolved;
}

/**
 * Deletes an earlier output file, given relative to the output root as the index records it (so it is found
 * even after the history subpath changed), then the folders it leaves empty, never the output root itself.
 * Refuses anything outside the root or inside `.convx/` or `.git/`.
 */
export async function removeOldOutput(outputRoot: string, relativePath: string): Promise<boolean> {
  const parts = relativePath.split('/');
  if (isAbsolute(relativePath) || parts.includes('..') || parts.length < 2) return false;
  if (parts[0] === '.convx' || parts[0] === '.git') return false;
  const root = resolve(outputRoot);
  const target = resolve(root, relativePath);
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false;
  await rm(target, { force: true });
  for (let dir = dirname(target); dir !== root && !relative(root, dir).startsWith('..'); dir = dirname(dir)) {
    const entries = await readdir(dir).catch(() => undefined);
    if (!entries || entries.length > 0) break;
    await rmdir(dir).catch(() => {});
  }
  return true;
}
