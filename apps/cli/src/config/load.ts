import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConvxError, refuseLinksInConvx } from '@convx/core';
import * as v from 'valibot';
import type { ConfigTree } from '../options/values.js';
import { describeIssues } from './issues.js';
import { configSchema } from './schema.js';

/** The config file, relative to the output repository (or the synced repository) root. */
export const CONFIG_FILE = '.convx/config.toml';

export interface LoadedConfig {
  /** What the file sets, validated, keys as written (empty when there is no file); read it through the option table. */
  config: ConfigTree;
  /** The file's absolute path. */
  path: string;
  exists: boolean;
}

/**
 * Parses and validates config text. A TOML syntax error names the line and column; invalid values and
 * unknown keys are listed together: `.convx/config.toml: sync.recursive must be a boolean (got "yes")`.
 * The TOML parser is loaded here, only when there is a file to parse: a repository without a config (a
 * pre-commit hook's sync, most of the time) starts without its nine modules.
 */
export async function parseConfig(text: string, label = CONFIG_FILE): Promise<ConfigTree> {
  const { parse, TomlError } = await import('smol-toml');
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    if (error instanceof TomlError) {
      const reason =
        error.message.split('\n')[0]?.replace(/^Invalid TOML document:\s*/i, '') ?? 'invalid TOML';
      throw new ConvxError(
        'INVALID_OPTION',
        `${label}: line ${error.line}, column ${error.column}: ${reason}`,
        undefined,
        { cause: error },
      );
    }
    throw error;
  }
  const result = v.safeParse(configSchema, raw);
  if (!result.success) throw new ConvxError('INVALID_OPTION', `${label}: ${describeIssues(result.issues)}`);
  return result.output as ConfigTree;
}

/**
 * Reads `<root>/.convx/config.toml`; a missing file is an empty config, an unreadable one an error. A
 * symbolic link at `.convx` or at the file (committed to a repository, it arrives with a clone) is never
 * followed.
 */
export async function loadConfig(root: string): Promise<LoadedConfig> {
  const path = join(root, CONFIG_FILE);
  await refuseLinksInConvx(root);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { config: {}, path, exists: false };
    throw new ConvxError('INVALID_OPTION', `Could not read ${path}: ${(error as Error).message}`, undefined, {
      cause: error,
    });
  }
  return { config: await parseConfig(text), path, exists: true };
}
