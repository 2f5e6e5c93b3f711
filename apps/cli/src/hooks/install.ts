import { constants } from 'node:fs';
import { access, chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ConvxError } from '@convx/core';
import { gitPath, showToplevel } from '../git/repo.js';
import { git } from '../git/run.js';
import {
  type ConvxCommand,
  findBlock,
  foreignShebang,
  hookBlock,
  isEmptyScript,
  withBlock,
  withoutBlock,
} from './block.js';
import { detectHookManagers, type HookManager } from './managers.js';

export interface HookOptions {
  /** Any folder inside the repository (a worktree or submodule is fine). */
  repo: string;
  /** Bake strict mode into the hook: a failing convx blocks the commit (`hooks.strict` in the config). */
  strict?: boolean;
  /** The history folder the hook stages (default `.ai/history`, or the config's `sync.history_subpath`). */
  historySubpath?: string;
  /** Install even when husky, lefthook or pre-commit manages the hooks. */
  force?: boolean;
  /** The hook to use (default `pre-commit`). */
  hook?: string;
  /** The convx running the install, baked in as a fallback for commits made with a narrow PATH. */
  self?: ConvxCommand;
}

export interface HookLocation {
  root: string;
  /** The folder git runs hooks from (honours `core.hooksPath`, worktrees and submodules). */
  hooksDir: string;
  hookPath: string;
  /** The `core.hooksPath` setting, when there is one. */
  hooksPathSetting?: string;
}

export type InstallResult =
  | (HookLocation & { action: 'installed' | 'updated' | 'unchanged'; created: boolean })
  | (HookLocation & { action: 'use-manager'; managers: HookManager[] });

export type UninstallResult = HookLocation & { action: 'removed' | 'deleted' | 'not-installed' };

export interface HookStatus extends HookLocation {
  installed: boolean;
  /** The strict setting baked into the installed block. */
  strict?: boolean;
  executable: boolean;
  /** The hook file has content besides convx's block. */
  sharedWithOtherHooks: boolean;
  managers: HookManager[];
}

const DEFAULT_HISTORY = '.ai/history';

/** Where the hook lives for the repository around `repo`. */
export async function locateHook(repo: string, hook = 'pre-commit'): Promise<HookLocation> {
  const root = await showToplevel(repo);
  if (!root) {
    throw new ConvxError('OUTPUT_NOT_A_REPO', `${repo} is not inside a git repository; cd into one first.`);
  }
  const hooksDir = await gitPath(root, 'hooks');
  const setting = await git(['config', '--get', 'core.hooksPath'], { cwd: root }).catch(() => undefined);
  return {
    root,
    hooksDir,
    hookPath: join(hooksDir, hook),
    ...(setting ? { hooksPathSetting: setting } : {}),
  };
}

const readIfExists = (path: string) =>
  readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });

/** Adds the executable bits wherever the file's read bits are set (`644` → `755`). */
async function makeExecutable(path: string): Promise<void> {
  const mode = (await stat(path)).mode & 0o777;
  await chmod(path, mode | ((mode & 0o444) >> 2) | 0o100);
}

/**
 * Installs convx's block into the pre-commit hook: creates the hook, or adds the block to an existing
 * shell hook (never overwriting it), or refreshes a block already there. With a hook manager in the
 * repository it writes nothing and returns the line to add, unless `force`.
 */
export async function installHook(options: HookOptions): Promise<InstallResult> {
  const location = await locateHook(options.repo, options.hook);
  const historySubpath = options.historySubpath ?? DEFAULT_HISTORY;
  const managers = detectHookManagers(location.root, historySubpath, options.strict);
  if (managers.length > 0 && !options.force) return { ...location, action: 'use-manager', managers };

  const before = await readIfExists(location.hookPath);
  const foreign = before === undefined ? undefined : foreignShebang(before);
  if (foreign) {
    throw new ConvxError(
      'INVALID_OPTION',
      `${location.hookPath} is not a shell script (${foreign}); add \`convx sync\` and \`git add ${historySubpath}\` to it yourself.`,
    );
  }
  const created = before === undefined || (findBlock(before)?.created ?? false);
  const block = hookBlock({
    strict: options.strict ?? false,
    historySubpath,
    // Quiet: a commit shows only failures and warnings, not the run's summary table.
    args: ['sync', '--quiet'],
    created,
    ...(options.self ? { fallback: options.self } : {}),
  });
  const after = before === undefined ? `#!/bin/sh\n${block}` : withBlock(before, block);
  if (after !== before) {
    await mkdir(dirname(location.hookPath), { recursive: true });
    await writeFile(location.hookPath, after);
  }
  await makeExecutable(location.hookPath);
  const action =
    before === undefined
      ? 'installed'
      : after === before
        ? 'unchanged'
        : findBlock(before)
          ? 'updated'
          : 'installed';
  return { ...location, action, created: before === undefined };
}

/** Removes convx's block only; deletes the file when convx created it and nothing else is left. */
export async function uninstallHook(options: Pick<HookOptions, 'repo' | 'hook'>): Promise<UninstallResult> {
  const location = await locateHook(options.repo, options.hook);
  const before = await readIfExists(location.hookPath);
  const block = before === undefined ? undefined : findBlock(before);
  if (before === undefined || !block) return { ...location, action: 'not-installed' };
  const after = withoutBlock(before);
  if (block.created && isEmptyScript(after)) {
    await rm(location.hookPath);
    return { ...location, action: 'deleted' };
  }
  await writeFile(location.hookPath, after);
  return { ...location, action: 'removed' };
}

/** Whether the hook is installed, where, and what else manages hooks in this repository. */
export async function hookStatus(
  options: Pick<HookOptions, 'repo' | 'hook' | 'historySubpath' | 'strict'>,
): Promise<HookStatus> {
  const location = await locateHook(options.repo, options.hook);
  const content = await readIfExists(location.hookPath);
  const block = content === undefined ? undefined : findBlock(content);
  const executable =
    content !== undefined &&
    (await access(location.hookPath, constants.X_OK).then(
      () => true,
      () => false,
    ));
  const strict = block ? /CONVX_HOOK_STRICT:-1/.test(block.text) : undefined;
  return {
    ...location,
    installed: block !== undefined,
    ...(strict === undefined ? {} : { strict }),
    executable,
    sharedWithOtherHooks: content !== undefined && !isEmptyScript(withoutBlock(content)),
    managers: detectHookManagers(location.root, options.historySubpath ?? DEFAULT_HISTORY, options.strict),
  };
}
