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
  const ignore = join(outputRoot, '.convx', '.gitignore');
  if (!(await stat(ignore).catch(() => undefined))) {
    await writeFile(
      ignore,
      '# convx state (index, cache, lock) is rebuilt from the exported files.\nstate/\n',
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
  const target = resolve(historyDir, relativePath);
  const rel = relative(historyDir, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new Error(`refusing output path outside the history folder: ${relativePath}`);
  }
  return target;
}

/** Deletes an old output file and the folders it leaves empty, never climbing above the history folder. */
export async function removeOutput(historyDir: string, absolutePath: string): Promise<boolean> {
  const rel = relative(historyDir, absolutePath);
  if (rel.startsWith('..') || isAbsolute(rel)) return false;
  await rm(absolutePath, { force: true });
  let dir = dirname(absolutePath);
  while (dir !== historyDir && !relative(historyDir, dir).startsWith('..')) {
    const entries = await readdir(dir).catch(() => undefined);
    if (!entries || entries.length > 0) break;
    await rmdir(dir).catch(() => {});
    dir = dirname(dir);
  }
  return true;
}
