import { mkdir, stat } from 'node:fs/promises';
import { ConvxError } from '@convx/core';
import { usageError } from '../errors.js';
import { gitInit } from '../git/repo.js';
import { findGitRoot } from './git.js';
import { resolvePathFlag } from './tilde.js';

export function requireOutputPath(raw: string | undefined, cwd: string, example: string): string {
  if (raw === undefined || raw.trim() === '') {
    throw usageError(
      `Missing --output-path: the folder to ${example} (e.g. --output-path ~/ai-history, or set CONVX_OUTPUT_PATH).`,
    );
  }
  return resolvePathFlag(cwd, raw);
}

/** What `--init` did: created the folder (and the repository in it), or only ran `git init` in it. */
export type Initialized = 'folder' | 'repository';

/**
 * The backup output must be a git repository (the folder itself or inside one), so every run's changes can
 * be committed and nothing is silently overwritten. With `init`, a missing folder is created and `git init`ed.
 * Returns what it created, if anything.
 */
export async function prepareRepository(dir: string, init: boolean): Promise<Initialized | undefined> {
  const info = await stat(dir).catch(() => undefined);
  if (info && !info.isDirectory())
    throw usageError(
      `The output path ${dir} is a file, not a folder; pass a folder (a git repository) to --output-path.`,
    );
  if (!info) {
    if (!init) {
      throw new ConvxError(
        'OUTPUT_NOT_A_REPO',
        `The output folder ${dir} does not exist; create it with \`git init ${dir}\` or pass --init.`,
      );
    }
    await mkdir(dir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      throw new ConvxError(
        'OUTPUT_NOT_WRITABLE',
        `Cannot create the output folder ${dir} (${error.code ?? error.message}); check the path and its permissions.`,
        undefined,
        { cause: error },
      );
    });
  }
  if (await findGitRoot(dir)) return undefined;
  if (!init) {
    throw new ConvxError(
      'OUTPUT_NOT_A_REPO',
      `The output folder ${dir} is not a git repository; run \`git init ${dir}\` first or pass --init.`,
    );
  }
  await gitInit(dir);
  return info ? 'repository' : 'folder';
}
