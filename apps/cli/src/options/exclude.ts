import { homedir } from 'node:os';
import { type Session, type SkipReason, sha256 } from '@convx/core';
import { usageError } from '../errors.js';

/**
 * A project glob as a regular expression over `/`-separated absolute paths. `**` spans folders (dot folders
 * too: a worktree in `.worktrees/x` is still the project), `*` and `?` stay within one folder name, `{a,b}`
 * and `[…]` work as in shells. Windows paths compare with `/` and case-insensitively.
 */
export function globToRegExp(glob: string, caseInsensitive = false): RegExp {
  let source = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] as string;
    if (char === '*') {
      if (glob[i + 1] === '*') {
        i++;
        // `**/` also matches no folder at all: `/a/**/b` matches `/a/b`.
        if (glob[i + 1] === '/') {
          i++;
          source += '(?:.*/)?';
        } else source += '.*';
      } else source += '[^/]*';
    } else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end === -1) source += '\\[';
      else {
        const body = glob
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        source += `[${body}]`;
        i = end;
      }
    } else if (char === '{') {
      braces++;
      source += '(?:';
    } else if (char === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (char === ',' && braces > 0) source += '|';
    else source += char.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  if (braces > 0) throw new Error(`unclosed { in ${glob}`);
  return new RegExp(`^${source}$`, caseInsensitive ? 'i' : '');
}

const toSlashes = (path: string) => path.replace(/\\/g, '/').replace(/\/+$/, '') || '/';
const windowsStyle = (path: string) => /^[a-zA-Z]:\//.test(path) || path.startsWith('//');

/**
 * `~` is the home the run reads from; a relative glob (`scratch`, `clients/acme`) matches at any depth.
 * Trailing slashes and `/**` are dropped: a glob names a project folder, and everything below it goes too.
 */
function absoluteGlob(glob: string, home: string): string {
  let pattern = toSlashes(glob.trim());
  if (pattern === '~' || pattern.startsWith('~/')) pattern = toSlashes(home) + pattern.slice(1);
  else if (!pattern.startsWith('/') && !windowsStyle(pattern) && !pattern.startsWith('**')) {
    pattern = `**/${pattern}`;
  }
  while (pattern.endsWith('/**')) pattern = pattern.slice(0, -3);
  return pattern || '/';
}

export interface ExcludeRule {
  /** Identifies the globs for the engine's index: a change re-evaluates every session once. */
  id: string;
  /** The glob a cwd falls under, or undefined. */
  match(cwd: string | undefined): string | undefined;
}

/**
 * Project path globs from `exclude` / `--exclude`: a session is excluded when its cwd, or a folder above it,
 * matches one. Invalid globs are usage errors naming where they came from.
 */
export function createExcludeRule(
  globs: readonly { glob: string; from: string }[],
  home: string = homedir(),
): ExcludeRule | undefined {
  const compiled = globs.map(({ glob, from }) => {
    if (glob.trim() === '') throw usageError(`${from}: an exclude glob is empty.`);
    const pattern = absoluteGlob(glob, home);
    try {
      return { glob, exact: globToRegExp(pattern), folded: globToRegExp(pattern, true) };
    } catch (error) {
      throw usageError(`${from}: exclude glob "${glob}" is invalid (${(error as Error).message}).`);
    }
  });
  if (compiled.length === 0) return undefined;
  return {
    id: `exclude:${sha256(JSON.stringify(compiled.map((c) => c.exact.source))).slice(0, 16)}`,
    match(cwd) {
      if (!cwd?.trim()) return undefined;
      const path = toSlashes(cwd.trim());
      const folded = windowsStyle(path);
      for (let current = path; ; ) {
        const hit = compiled.find((c) => (folded ? c.folded : c.exact).test(current));
        if (hit) return hit.glob;
        const cut = current.lastIndexOf('/');
        if (cut <= 0) return undefined;
        current = current.slice(0, cut);
        if (/^[a-zA-Z]:$/.test(current) || current === '/') return undefined;
      }
    },
  };
}

/** The engine's withdraw rule for an exclude rule: excluded sessions are not exported, earlier files removed. */
export function excludeWithdraw(rule: ExcludeRule): {
  id: string;
  test(session: Session): SkipReason | undefined;
} {
  return {
    id: rule.id,
    test(session) {
      const glob = rule.match(session.cwd);
      return glob
        ? { reason: 'excluded', detail: `its project ${session.cwd} is excluded (${glob})` }
        : undefined;
    },
  };
}
