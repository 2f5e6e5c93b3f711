import { isAbsolute, join } from 'node:path';
import type { LocationEnv } from '@convx/core';

/** Qwen Code's folder: `~/.qwen` on every OS (`%USERPROFILE%\.qwen` on Windows). */
export const QWEN_DIR = '.qwen';
export const PROJECTS_DIR = 'projects';

/**
 * Where transcripts live: `projects/` under `$QWEN_RUNTIME_DIR` (it relocates runtime data, transcripts
 * included), under `$QWEN_HOME` (it relocates the whole folder), and under `<home>/.qwen`, which keeps what
 * was written before either was set. Relative values are ignored, as Qwen Code resolves them elsewhere.
 */
export function defaultLocations(env: LocationEnv): string[] {
  const roots: string[] = [];
  for (const value of [env.env.QWEN_RUNTIME_DIR, env.env.QWEN_HOME]) {
    const dir = value?.trim();
    if (dir && isAbsolute(dir)) roots.push(dir);
  }
  roots.push(join(env.home, QWEN_DIR));
  return [...new Set(roots.map((root) => join(root, PROJECTS_DIR)))];
}
