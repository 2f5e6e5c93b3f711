import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname as nativeDirname, resolve as nativeResolve, posix } from 'node:path';

/** A path in one comparable form: `/` separators, no trailing slash, `.`/`..` folded, drive letter lower-case. */
export interface ComparablePath {
  path: string;
  /** Windows-style (drive letter or UNC): compare case-insensitively. */
  caseInsensitive: boolean;
}

const DRIVE = /^([a-zA-Z]):(?:\/|$)/;

/** Normalizes a recorded path (POSIX or Windows-style) for comparison. Relative paths are kept relative. */
export function comparable(raw: string): ComparablePath {
  let path = raw.trim().replace(/\\/g, '/');
  const unc = path.startsWith('//');
  const drive = DRIVE.exec(path);
  if (drive?.[1]) path = `${drive[1].toLowerCase()}:/${path.slice(3)}`;
  const prefix = drive ? path.slice(0, 3) : unc ? '//' : '';
  let rest = posix.normalize(path.slice(prefix.length) || '.');
  if (rest === '.') rest = '';
  rest = rest.replace(/\/+$/, '');
  if (prefix && rest.startsWith('/')) rest = rest.slice(1);
  const joined = prefix ? `${prefix}${rest}` : rest || '/';
  return { path: prefix === '' && joined === '' ? '/' : joined, caseInsensitive: Boolean(drive) || unc };
}

/**
 * The path of `child` relative to `parent` (`''` when equal), or undefined when `child` is not `parent`
 * or below it. `/code/app2` is not below `/code/app`.
 */
export function relativeWithin(parent: ComparablePath, child: ComparablePath): string | undefined {
  const insensitive = parent.caseInsensitive || child.caseInsensitive;
  const p = insensitive ? parent.path.toLowerCase() : parent.path;
  const c = insensitive ? child.path.toLowerCase() : child.path;
  if (c === p) return '';
  const base = p.endsWith('/') ? p : `${p}/`;
  return c.startsWith(base) ? child.path.slice(base.length) : undefined;
}

/** The real path when the folder exists here (symlinks resolved), else undefined. Never throws. */
export function realpathIfExists(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}

/**
 * The worktree root a folder belongs to when its nearest `.git` is a file pointing into
 * `<commonDir>/worktrees/<name>` (a linked worktree, even one moved without `git worktree repair`), or the
 * folder holding `commonDir` itself. Undefined when the folder is gone or belongs elsewhere.
 */
export function worktreeRootVia(commonDir: string, folder: string): string | undefined {
  const common = comparable(realpathIfExists(commonDir) ?? commonDir);
  let current = realpathIfExists(folder);
  while (current) {
    const dotGit = nativeResolve(current, '.git');
    if (existsSync(dotGit)) {
      const gitDir = readGitDir(dotGit);
      if (!gitDir) return undefined;
      // The main checkout's `.git` is the common dir; a linked worktree's points to `<common>/worktrees/<name>`.
      // A submodule's (`<common>/modules/<name>`) is another repository.
      const rel = relativeWithin(common, comparable(realpathIfExists(gitDir) ?? gitDir));
      return rel === '' || (rel !== undefined && /^worktrees\/[^/]+$/.test(rel)) ? current : undefined;
    }
    const parent = nativeDirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
  return undefined;
}

function readGitDir(dotGit: string): string | undefined {
  try {
    if (statSync(dotGit).isDirectory()) return dotGit;
    const match = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'));
    return match?.[1] ? nativeResolve(nativeDirname(dotGit), match[1]) : undefined;
  } catch {
    return undefined;
  }
}
