// The time zone a transcript's times are shown in: the session's own UTC offset when its source recorded
// one (`meta.utcOffset`), else the `timezone` option, else UTC. Never the machine's zone, so the same
// session renders to the same bytes everywhere.
import type { Session } from '@convx/core';

export interface Zone {
  /** How the zone is named after a time span: `UTC`, `UTC+01:00`, `Europe/Berlin`. */
  readonly label: string;
  /** True for UTC itself: canonical ISO times are shown by slicing. */
  readonly utc: boolean;
  /** A canonical UTC ISO time as local wall-clock `YYYY-MM-DDTHH:MM:SS.sss` and its offset (`Z`, `+01:00`). */
  local(iso: string): { wall: string; offset: string };
}

const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

export const UTC: Zone = {
  label: 'UTC',
  utc: true,
  local: (iso) => ({ wall: iso.slice(0, 23), offset: 'Z' }),
};

/** A fixed offset such as `+01:00`, `-0530`, `+00:00`; undefined when it is not one (or beyond ±14:00). */
export function offsetZone(value: string): Zone | undefined {
  const match = OFFSET.exec(value.trim());
  if (!match) return undefined;
  const [, sign, hours, minutes] = match;
  const total = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
  if (Math.abs(total) > 14 * 60 || Number(minutes) >= 60) return undefined;
  if (total === 0) return UTC;
  const offset = `${sign}${hours}:${minutes}`;
  return {
    label: `UTC${offset}`,
    utc: false,
    local: (iso) => ({ wall: shifted(iso, total), offset }),
  };
}

function shifted(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString().slice(0, 23);
}

// Building a zone's formatter costs ~0.3 ms (Intl.DateTimeFormat), more than rendering a typical session,
// and every session of a run with a `timezone` option asks for the same one: each zone name's formatter is
// built once per process. Immutable values keyed by name, so no caller can see another's state in them.
const named = new Map<string, Zone | undefined>();

/** An IANA zone such as `Europe/Berlin` (offsets from the tz data of the running Node.js); else undefined. */
export function namedZone(name: string): Zone | undefined {
  if (named.has(name)) return named.get(name);
  let format: Intl.DateTimeFormat | undefined;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      timeZoneName: 'longOffset',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    format = undefined;
  }
  const zone: Zone | undefined = format && {
    label: format.resolvedOptions().timeZone,
    utc: false,
    local: (iso) => {
      const parts: Record<string, string> = {};
      for (const part of format.formatToParts(Date.parse(iso))) parts[part.type] = part.value;
      const offset = /([+-]\d{2}:\d{2})/.exec(parts.timeZoneName ?? '')?.[1] ?? '+00:00';
      const wall = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${iso.slice(19, 23)}`;
      return { wall, offset };
    },
  };
  named.set(name, zone);
  return zone;
}

/** `UTC`, an offset or an IANA name as a zone; undefined when it is none of these. */
export function parseZone(value: string): Zone | undefined {
  if (/^(utc|gmt|z)$/i.test(value.trim())) return UTC;
  return offsetZone(value) ?? namedZone(value.trim());
}

/** The zone a session's times are shown in. */
export function sessionZone(session: Session, timezone: string | undefined): Zone {
  const recorded = session.meta?.utcOffset;
  const own = typeof recorded === 'string' ? offsetZone(recorded) : undefined;
  return own ?? (timezone ? (parseZone(timezone) ?? UTC) : UTC);
}
