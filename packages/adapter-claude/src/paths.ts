import { isAbsolute, join, resolve } from 'node:path';
import type { LocationEnv } from '@convx/core';

/**
 * The `projects` folders Claude Code writes transcripts to: `~/.claude/projects`, `~/.config/claude/projects`
 * (and `$XDG_CONFIG_HOME/claude/projects`), plus `<dir>/projects` for every directory listed in the
 * comma-separated `CLAUDE_CONFIG_DIR`. Duplicates are removed; order is stable.
 */
export function claudeLocations({ home, env }: LocationEnv): string[] {
  const found = [join(home, '.claude', 'projects'), join(home, '.config', 'claude', 'projects')];
  const xdg = env.XDG_CONFIG_HOME?.trim();
  if (xdg && isAbsolute(xdg)) found.push(join(xdg, 'claude', 'projects'));
  for (const raw of (env.CLAUDE_CONFIG_DIR ?? '').split(',')) {
    const dir = raw.trim();
    if (dir) found.push(join(expandHome(dir, home), 'projects'));
  }
  const unique: string[] = [];
  const seen = new Set<string>();
  for (const location of found) {
    const key = resolve(location);
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(key);
  }
  return unique;
}

/** `~/x` → `<home>/x`; a relative path is taken relative to the home directory (never to our own cwd). */
function expandHome(dir: string, home: string): string {
  if (dir === '~') return home;
  if (dir.startsWith('~/') || dir.startsWith('~\\')) return join(home, dir.slice(2));
  return isAbsolute(dir) ? dir : join(home, dir);
}

/**
 * Best guess of a cwd from a project folder name (`-home-alice-code-webapp` → `/home/alice/code/webapp`,
 * `C--Users-x` → `C:/Users/x`). Lossy — dashes and dots in real names become slashes — so it is used only
 * when no record of the session carries a `cwd`.
 */
export function cwdFromFolderName(name: string): string | undefined {
  const drive = /^([A-Za-z])--(.*)$/.exec(name);
  if (drive) return `${drive[1]}:/${(drive[2] ?? '').replace(/-/g, '/')}`;
  if (name.startsWith('-')) return name.replace(/-/g, '/');
  return undefined;
}
