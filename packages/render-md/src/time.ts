import { toIsoTime } from '@convx/core';
import type { MarkdownOptions } from './options.js';
import { UTC, type Zone } from './zone.js';

/** `YYYY-MM-DDTHH:MM:SS.sssZ` for any ISO input, or undefined when it does not parse. Never uses the locale. */
export function isoUtc(value: string | undefined): string | undefined {
  // Core's normalizer: a session's times are already canonical, and those skip the Date round trip.
  return toIsoTime(value);
}

/** The wall-clock time in the zone, `YYYY-MM-DDTHH:MM:SS.sss`, with its offset. */
function wallClock(value: string | undefined, zone: Zone): { wall: string; offset: string } | undefined {
  const iso = isoUtc(value);
  return iso ? zone.local(iso) : undefined;
}

/** `YYYY-MM-DD HH:MM` in the zone. */
export function dateTime(value: string | undefined, zone: Zone = UTC): string | undefined {
  const local = wallClock(value, zone)?.wall;
  return local ? `${local.slice(0, 10)} ${local.slice(11, 16)}` : undefined;
}

/**
 * A message time for a heading: `HH:MM` when it falls on the session's first day, else `YYYY-MM-DD HH:MM`,
 * in the session's zone; with `timeFormat: 'iso'` the full ISO timestamp (`Z`, or the zone's offset).
 */
export function messageTime(
  value: string | undefined,
  sessionStart: string | undefined,
  format: MarkdownOptions['timeFormat'],
  zone: Zone = UTC,
): string | undefined {
  const iso = isoUtc(value);
  if (!iso) return undefined;
  if (format === 'iso' && zone.utc) return iso;
  const { wall, offset } = zone.local(iso);
  if (format === 'iso') return `${wall}${offset}`;
  const sameDay = wallClock(sessionStart, zone)?.wall.slice(0, 10) === wall.slice(0, 10);
  return sameDay ? wall.slice(11, 16) : `${wall.slice(0, 10)} ${wall.slice(11, 16)}`;
}

/** The session span for the metadata line: `2026-03-01 10:00–10:42 UTC` (end date shown when it differs). */
export function sessionSpan(
  start: string | undefined,
  end: string | undefined,
  zone: Zone = UTC,
): string | undefined {
  const from = dateTime(start, zone);
  const to = dateTime(end, zone);
  const label = zone.label;
  if (!from) return to ? `ended ${to} ${label}` : undefined;
  if (!to || to === from) return `${from} ${label}`;
  return to.slice(0, 10) === from.slice(0, 10)
    ? `${from}–${to.slice(11)} ${label}`
    : `${from} – ${to} ${label}`;
}
