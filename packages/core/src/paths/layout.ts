import { isSortableIso } from '../model/session.js';
import type { Message, Session } from '../model/types.js';
import { sanitizeRelativePath, sanitizeSegment } from './sanitize.js';
import { slugify } from './slug.js';

/** `YYYY-MM-DD-HHMM` in UTC, from the session start (or `0000-00-00-0000` when the source has no time). */
export function timePrefix(startedAt: string | undefined): string {
  // The usual canonical form is cut out as it is, unparsed — unless its year is below 1000, which the
  // Date path writes without leading zeros.
  if (startedAt && !startedAt.startsWith('0') && isSortableIso(startedAt))
    return `${startedAt.slice(0, 10)}-${startedAt.slice(11, 13)}${startedAt.slice(14, 16)}`;
  const d = startedAt ? new Date(startedAt) : undefined;
  if (!d || Number.isNaN(d.getTime())) return '0000-00-00-0000';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}`;
}

/** The first prompt a person typed: a user text message (never injected context). */
export function firstTypedPrompt(messages: readonly Message[]): string | undefined {
  for (const m of messages) if (m.kind === 'text' && m.role === 'user' && m.text.trim()) return m.text;
  return undefined;
}

/** The tail of an id, safe for a filename: `019a2b3c-…-9f8e7d` → `9f8e7d6c`. */
export function idTail(id: string, length = 8): string {
  const clean = id.toLowerCase().replace(/[^a-z0-9]/g, '');
  return clean.slice(-length) || 'session';
}

/**
 * `YYYY-MM-DD-HHMM-<slug>`: the slug comes from the title, else the first typed prompt, else the id's tail.
 */
export function sessionBasename(
  session: Pick<Session, 'title' | 'messages' | 'startedAt' | 'sessionId'>,
): string {
  const slug =
    slugify(session.title ?? '') ||
    slugify(firstTypedPrompt(session.messages) ?? '') ||
    idTail(session.sessionId);
  return `${timePrefix(session.startedAt)}-${slug}`;
}

/** The basename with a short id suffix, used when another session already holds the plain one. */
export function disambiguatedBasename(basename: string, sessionId: string): string {
  return `${basename}-${idTail(sessionId, 6)}`;
}

/** Home folders as operating systems lay them out: `/home/<u>`, `/Users/<u>`, `C:/Users/<u>`, `/root`. */
const RECORDED_HOME = /^(?:\/home\/[^/]+|\/Users\/[^/]+|[a-z]:\/Users\/[^/]+|\/root)(?=\/|$)/i;

/**
 * The cwd as path segments relative to the home directory (none: `''`), sanitized. A cwd under another recorded home
 * (`/home/<u>`, `/Users/<u>`, `C:/Users/<u>`, `/root`) is made relative to that. Elsewhere:
 * `_root/<abs path>` (a Windows drive becomes its letter). Unknown: `_unknown-project`.
 */
export function projectSegments(cwd: string | undefined, home: string): string[] {
  if (!cwd?.trim()) return ['_unknown-project'];
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/\/+$/g, '');
  const c = norm(cwd);
  const h = norm(home);
  const caseInsensitive = /^[a-z]:\//i.test(c);
  const starts = caseInsensitive ? c.toLowerCase().startsWith(`${h.toLowerCase()}/`) : c.startsWith(`${h}/`);
  if (h && starts) {
    const parts = sanitizeRelativePath(c.slice(h.length + 1));
    return parts.length ? parts : ['_home'];
  }
  if (h && (caseInsensitive ? c.toLowerCase() === h.toLowerCase() : c === h)) return ['_home'];
  // Logs copied from another machine (or read with --home) record that machine's home: recognize it.
  const recorded = RECORDED_HOME.exec(c);
  if (recorded) {
    const parts = sanitizeRelativePath(c.slice(recorded[0].length));
    return parts.length ? parts : ['_home'];
  }
  const drive = /^([a-z]):\//i.exec(c);
  const rest = drive ? c.slice(3) : c;
  const parts = sanitizeRelativePath(rest);
  return ['_root', ...(drive?.[1] ? [drive[1].toLowerCase()] : []), ...parts];
}

export interface BackupLayoutOptions {
  user: string;
  systemName: string;
  /** The home directory cwds are made relative to. */
  home: string;
}

/**
 * Backup layout: `<user>/<source>/<system-name>/<cwd relative to home>` (relative to the history folder).
 * Its `id` names what moves its folders besides the labels (which the render key covers): the home.
 */
export function backupLayout(options: BackupLayoutOptions) {
  const layout = (session: Pick<Session, 'source' | 'cwd' | 'meta'>): string[] => [
    sanitizeSegment(options.user),
    sanitizeSegment(session.source),
    sanitizeSegment(options.systemName),
    ...placeSegments(session, options.home),
  ];
  return Object.assign(layout, { id: `backup:${options.home}` });
}

/**
 * A session that ran on a remote host (`meta.remote`, e.g. an SSH folder in Cursor) goes under
 * `_remote/<host>/…`, so it never mixes with a local project of the same path.
 */
function placeSegments(session: Pick<Session, 'cwd' | 'meta'>, home: string): string[] {
  const remote = session.meta?.remote;
  if (typeof remote !== 'string' || !remote.trim()) return projectSegments(session.cwd, home);
  return ['_remote', sanitizeSegment(remote), ...projectSegments(session.cwd, '')];
}

/** Sync layout: `<user>/<source>` — flat, for a project's own repo (the user is one of the labels). */
export function flatLayout(options: { user: string }) {
  const layout = (session: Pick<Session, 'source'>): string[] => [
    sanitizeSegment(options.user),
    sanitizeSegment(session.source),
  ];
  return Object.assign(layout, { id: 'sync:flat' });
}

export { sanitizeSegment, slugify };
