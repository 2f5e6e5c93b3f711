import { isAbsolute, join, resolve } from 'node:path';
import type { LocationEnv } from '@convx/core';

/** A configured folder: absolute, `~/…`, or relative to the home directory. */
function resolveFolder(home: string, configured: string): string {
  if (configured === '~' || configured.startsWith('~/') || configured.startsWith('~\\'))
    return join(home, configured.slice(1));
  return isAbsolute(configured) ? configured : resolve(home, configured);
}

/**
 * The folders Copilot CLI may have kept its state in, most likely first: `$COPILOT_HOME` (which moves
 * everything), `~/.copilot` (`%USERPROFILE%\.copilot` on Windows: the home directory is the profile), and,
 * for versions up to ~0.0.421 that honoured them, `$XDG_STATE_HOME/.copilot` and `$XDG_CONFIG_HOME/.copilot`
 * (with the dot: those versions put it there). Missing folders cost nothing: the engine skips them.
 */
export function copilotRoots({ home, env }: Pick<LocationEnv, 'home' | 'env'>): string[] {
  const roots: string[] = [];
  const add = (folder: string | undefined, below?: string) => {
    const value = folder?.trim();
    if (!value) return;
    const root = resolveFolder(home, below ? join(value, below) : value);
    if (!roots.includes(root)) roots.push(root);
  };
  add(env.COPILOT_HOME);
  add(home, '.copilot');
  add(env.XDG_STATE_HOME, '.copilot');
  add(env.XDG_CONFIG_HOME, '.copilot');
  return roots;
}

/** Each root's two session folders: the event logs first, then the single-JSON history of ≤ 2025-10. */
export function defaultLocations(env: LocationEnv): string[] {
  return copilotRoots(env).flatMap((root) => [
    join(root, 'session-state'),
    join(root, 'history-session-state'),
  ]);
}
