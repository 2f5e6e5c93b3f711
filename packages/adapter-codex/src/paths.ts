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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The session id from a rollout file name: the trailing UUID of `rollout-<time>-<uuid>.jsonl`. Names without
 * one fall back to the stem after `rollout-`, so an oddly named file is still exported. The UUID is the stem's
 * last 36 characters, tested where it must be (an unanchored search tried every position of the name), and
 * read from the path as it is: a UUID holds no path separator, so only a name without one needs `basename`
 * (4,700 per warm sync of a large home).
 */
export function sessionIdFromFileName(path: string): string | undefined {
  const end = path.slice(-6).toLowerCase();
  const extension = end === '.jsonl' ? 6 : end.endsWith('.json') ? 5 : 0;
  const tail = extension ? path.slice(-extension - 36, -extension) : '';
  if (UUID.test(tail)) return tail.toLowerCase();
  const stem = basename(path)
    .replace(/^rollout-/, '')
    .replace(/\.jsonl?$/, '');
  return stem || undefined;
}

export function isArchivedPath(path: string): boolean {
  return /(^|[\\/])archived_sessions[\\/]/.test(path);
}

const LOCAL_TIME = /^rollout-(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})/;
const QUARTER_HOUR = 15 * 60_000;
/** How far apart the name's clock and the header's may be: the file is named as the session starts. */
const SLACK = 2 * 60_000;

/**
 * The UTC offset of the clock Codex named the rollout by: `rollout-2026-02-11T09-30-02-<id>.jsonl` is the
 * machine's local time when the session started, its header's timestamp the same moment in UTC, so the
 * difference is the session's offset (`+01:00`). Undefined when the name holds no time, or when the two are
 * not a whole quarter hour apart (give or take two minutes) within ±14 hours.
 */
export function utcOffsetOf(path: string, utcStart: string | undefined): string | undefined {
  const match = LOCAL_TIME.exec(basename(path));
  const start = utcStart === undefined ? Number.NaN : Date.parse(utcStart);
  if (!match || Number.isNaN(start)) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  const local = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0, second ?? 0);
  const difference = local - start;
  const quarters = Math.round(difference / QUARTER_HOUR);
  if (Math.abs(difference - quarters * QUARTER_HOUR) > SLACK || Math.abs(quarters) > 14 * 4) return undefined;
  const minutes = Math.abs(quarters) * 15;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${quarters < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
