import { toIsoTime } from '@convx/core';
import type { MarkdownOptions } from './options.js';

/** `YYYY-MM-DDTHH:MM:SS.sssZ` for any ISO input, or undefined when it does not parse. Never uses the locale. */
export function isoUtc(value: string | undefined): string | undefined {
  // Core's normalizer: a session's times are already canonical, and those skip the Date round trip.
  return toIsoTime(value);
}

/** `YYYY-MM-DD HH:MM` in UTC. */
export function dateTime(value: string | undefined): string | undefined {
  const iso = isoUtc(value);
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : undefined;
}

/**
 * A message time for a heading: `HH:MM` (UTC) when it falls on the session's first day, else
 * `YYYY-MM-DD HH:MM`; with `timeFormat: 'iso'` the full ISO timestamp.
 */
export function messageTime(
  value: string | undefined,
  sessionStart: string | undefined,
  format: MarkdownOptions['timeFormat'],
): string | undefined {
  const iso = isoUtc(value);
  if (!iso) return undefined;
  if (format === 'iso') return iso;
  const sameDay = isoUtc(sessionStart)?.slice(0, 10) === iso.slice(0, 10);
  return sameDay ? iso.slice(11, 16) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** The session span for the metadata line: `2026-03-01 10:00–10:42 UTC` (end date shown when it differs). */
export function sessionSpan(start: string | undefined, end: string | undefined): string | undefined {
  const from = dateTime(start);
  const to = dateTime(end);
  if (!from) return to ? `ended ${to} UTC` : undefined;
  if (!to || to === from) return `${from} UTC`;
  return to.slice(0, 10) === from.slice(0, 10) ? `${from}–${to.slice(11)} UTC` : `${from} – ${to} UTC`;
}
