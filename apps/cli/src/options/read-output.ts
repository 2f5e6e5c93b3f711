import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConvxError } from '@convx/core';
import { usageError } from '../errors.js';
import { showToplevel } from '../git/repo.js';
import type { CliIO } from '../io.js';
import { resolvePathFlag } from './tilde.js';

/** How the output of a reading command was found, so messages can say which rule picked it. */
export type ReadOutputOrigin = 'flag' | 'repository' | 'env' | 'user-config';

export interface ReadOutput {
  root: string;
  origin: ReadOutputOrigin;
}

/** The environment variable naming the default backup output. */
export const OUTPUT_ENV = 'CONVX_OUTPUT_PATH';

/** Where `--output-path` defaults to, for the reading commands' help: the rule of `resolveReadOutput`. */
export function readOutputDefault(anyRepository = false): string {
  const repository = anyRepository
    ? 'the git repository you are in'
    : 'the repository you are in when it holds a history';
  return `default: ${repository}, else $${OUTPUT_ENV} or output_path in ~/.config/convx/config.toml`;
}

/** `$XDG_CONFIG_HOME/convx/config.toml`, else `~/.config/convx/config.toml`: the user's own settings. */
export function userConfigPath(env: CliIO['env']): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'convx', 'config.toml');
}

/**
 * The configured backup output, for commands given no `--output-path`: `$CONVX_OUTPUT_PATH`, else
 * `output_path` in the user config file. Undefined when neither is set.
 */
export async function configuredOutput(io: CliIO): Promise<ReadOutput | undefined> {
  const fromEnv = io.env[OUTPUT_ENV]?.trim();
  if (fromEnv) return { root: resolvePathFlag(io.cwd, fromEnv), origin: 'env' };
  const file = userConfigPath(io.env);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConvxError('INVALID_OPTION', `Could not read ${file}: ${(error as Error).message}`);
  }
  // Loaded only when the file exists (see parseConfig).
  const { parse } = await import('smol-toml');
  let value: unknown;
  try {
    value = (parse(text) as Record<string, unknown>).output_path;
  } catch (error) {
    throw new ConvxError(
      'INVALID_OPTION',
      `${file} is not valid TOML: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConvxError('INVALID_OPTION', `${file}: output_path must be a folder path (a string).`);
  }
  return { root: resolvePathFlag(io.cwd, value), origin: 'user-config' };
}

/** A repository holds a convx history when convx wrote into it: `.convx/` (backup, sync) or `.ai/history` (sync). */
async function holdsHistory(root: string): Promise<boolean> {
  for (const marker of ['.convx', join('.ai', 'history')]) {
    if ((await stat(join(root, marker)).catch(() => undefined))?.isDirectory()) return true;
  }
  return false;
}

/**
 * The output a reading command (stats, config, scan, search, explore) works on, one rule for all of them:
 * `--output-path`, else the git repository around the current folder when it holds a convx history, else
 * the configured backup output ($CONVX_OUTPUT_PATH or `output_path` in the user config), else a usage error
 * saying how to name one. The folder must exist. With `anyRepository` (config, scan) any repository around
 * the current folder counts, history or not: its settings and files are what those commands look at.
 */
export async function resolveReadOutput(
  flag: string | undefined,
  io: CliIO,
  command: string,
  options: { anyRepository?: boolean } = {},
): Promise<ReadOutput> {
  let found: ReadOutput | undefined;
  if (flag !== undefined && flag.trim() !== '')
    found = { root: resolvePathFlag(io.cwd, flag), origin: 'flag' };
  if (!found) {
    const top = await showToplevel(io.cwd);
    if (top && (options.anyRepository || (await holdsHistory(top))))
      found = { root: top, origin: 'repository' };
  }
  found ??= await configuredOutput(io);
  if (!found) {
    throw usageError(
      `convx ${command} needs a history to read: pass --output-path DIR, run it inside a repository convx writes to, or set ${OUTPUT_ENV} (or output_path in ${userConfigPath(io.env)}).`,
    );
  }
  const info = await stat(found.root).catch(() => undefined);
  const named =
    found.origin === 'flag' ? '--output-path' : found.origin === 'env' ? OUTPUT_ENV : 'output_path';
  if (!info) throw usageError(`The output folder ${found.root} does not exist; check ${named}.`);
  if (!info.isDirectory()) {
    throw usageError(`The output path ${found.root} is a file, not a folder; check ${named}.`);
  }
  return found;
}
