import { stat } from 'node:fs/promises';
import { ConvxError } from '@convx/core';
import { usageError } from '../errors.js';
import { unknownSourceName, validNames } from './source-system.js';
import { resolvePathFlag } from './tilde.js';

const SOURCE_NAME = /^[a-z][a-z0-9_-]*$/;

/**
 * Parses repeated `--input-path [source=]PATH`. Without `source=` a path belongs to the only selected source.
 * A prefix counts as a source only when it looks like a name and the whole value is not an existing path,
 * so a folder called `notes=old` still works.
 */
export async function parseInputPaths(
  values: readonly string[],
  selected: readonly string[],
  registry: Readonly<Record<string, unknown>>,
  cwd: string,
): Promise<Record<string, string[]>> {
  const inputs: Record<string, string[]> = {};
  for (const value of values) {
    const { source, path } = await splitValue(value, cwd);
    let name: string;
    if (source !== undefined) {
      if (!Object.hasOwn(registry, source)) {
        throw new ConvxError(
          'UNKNOWN_SOURCE',
          `Unknown source system ${unknownSourceName(source, Object.keys(registry))} in --input-path ${value}; valid ones are ${validNames(Object.keys(registry)).replace('all, ', '')}.`,
        );
      }
      if (!selected.includes(source)) {
        throw usageError(
          `--input-path ${value} is for ${source}, which --source-system does not select; add it to --source-system.`,
        );
      }
      name = source;
    } else {
      const only = selected.length === 1 ? selected[0] : undefined;
      if (!only) {
        throw usageError(
          `--input-path ${value} must say which source it is for (e.g. --input-path codex=${value}) because several sources are selected.`,
        );
      }
      name = only;
    }
    if (path.trim() === '') throw usageError(`--input-path ${value} has no path.`);
    const absolute = resolvePathFlag(cwd, path);
    if (!(await stat(absolute).catch(() => undefined))) {
      throw new ConvxError(
        'SOURCE_NOT_FOUND',
        `The input path ${absolute} (for ${name}) does not exist; check the path, or leave out --input-path to read the default locations.`,
        name,
      );
    }
    const list = inputs[name] ?? [];
    if (!list.includes(absolute)) list.push(absolute);
    inputs[name] = list;
  }
  return inputs;
}

async function splitValue(value: string, cwd: string): Promise<{ source?: string; path: string }> {
  const at = value.indexOf('=');
  if (at <= 0) return { path: value };
  const prefix = value.slice(0, at).toLowerCase();
  if (!SOURCE_NAME.test(prefix)) return { path: value };
  if (await stat(resolvePathFlag(cwd, value)).catch(() => undefined)) return { path: value };
  return { source: prefix, path: value.slice(at + 1) };
}
