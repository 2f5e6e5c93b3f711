import { basename, isAbsolute, join, resolve } from 'node:path';
import type { LocationEnv } from '@convx/core';

/** `$CODEX_HOME` (absolute, `~/…`, or relative to home), else `<home>/.codex`. */
export function codexHome({ home, env }: Pick<LocationEnv, 'home' | 'env'>): string {
  const configured = env.CODEX_HOME?.trim();
  if (!configured) return join(home, '.codex');
  if (configured === '~' || configured.startsWith('~/') || configured.startsWith('~\\'))
    return join(home, configured.slice(1));
  return isAbsolute(configured) ? configured : resolve(home, configured);
}

/** Live sessions first, archived second: discovery prefers the live copy of an id found in both. */
export function defaultLocations(env: LocationEnv): string[] {
  const root = codexHome(env);
  return [join(root, 'sessions'), join(root, 'archived_sessions')];
}

const UUID_TAIL = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl?$/i;

/**
 * The session id from a rollout file name: the trailing UUID of `rollout-<time>-<uuid>.jsonl`. Names without
 * one fall back to the stem after `rollout-`, so an oddly named file is still exported.
 */
export function sessionIdFromFileName(path: string): string | undefined {
  const name = basename(path);
  const uuid = UUID_TAIL.exec(name)?.[1];
  if (uuid) return uuid.toLowerCase();
  const stem = name.replace(/^rollout-/, '').replace(/\.jsonl?$/, '');
  return stem || undefined;
}

export function isArchivedPath(path: string): boolean {
  return /(^|[\\/])archived_sessions[\\/]/.test(path);
}
