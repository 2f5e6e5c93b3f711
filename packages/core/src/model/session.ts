import * as v from 'valibot';
import { SCHEMA_VERSION, SessionSchema } from './schema.js';
import type { Diagnostic, Message, Session, SourceLocation } from './types.js';

/** The stable key of a session: `<source>:<sessionId>`. */
export function sessionKey(source: string, sessionId: string): string {
  return `${source}:${sessionId}`;
}

export interface NewSession {
  source: string;
  sessionId: string;
  sourceLocation: SourceLocation;
  title?: string | undefined;
  cwd?: string | undefined;
  startedAt?: string | undefined;
  endedAt?: string | undefined;
  models?: string[];
  gitBranch?: string | undefined;
  messages?: Message[];
  diagnostics?: Diagnostic[];
  children?: Session[];
  agent?: Session['agent'];
  meta?: Record<string, unknown>;
}

/**
 * Builds a well-formed session, filling the derived fields (key, schemaVersion) and dropping undefined
 * optional fields so the JSON twin stays tidy. When `startedAt`/`endedAt` are missing they are taken from
 * the first and last timestamped message.
 */
export function createSession(init: NewSession): Session {
  const messages = init.messages ?? [];
  const span = new TimeSpan();
  if (init.startedAt === undefined || init.endedAt === undefined)
    for (const message of messages) span.add(message.timestamp);
  const session: Session = {
    schemaVersion: SCHEMA_VERSION,
    key: sessionKey(init.source, init.sessionId),
    source: init.source,
    sessionId: init.sessionId,
    models: init.models ?? [],
    sourceLocation: init.sourceLocation,
    messages,
    diagnostics: init.diagnostics ?? [],
  };
  const optional = {
    title: init.title?.trim() || undefined,
    cwd: init.cwd || undefined,
    startedAt: init.startedAt ?? span.startedAt,
    endedAt: init.endedAt ?? span.endedAt,
    gitBranch: init.gitBranch || undefined,
    agent: init.agent,
    children: init.children?.length ? init.children : undefined,
    meta: init.meta && Object.keys(init.meta).length ? init.meta : undefined,
  };
  for (const [k, value] of Object.entries(optional)) {
    if (value !== undefined) (session as unknown as Record<string, unknown>)[k] = value;
  }
  return session;
}

/**
 * The earliest and latest message timestamps seen, for a streamed session whose messages are not kept:
 * pass `startedAt`/`endedAt` to {@link createSession} exactly as it would have derived them.
 */
export class TimeSpan {
  startedAt: string | undefined;
  endedAt: string | undefined;
  private startedSortable = false;
  private endedSortable = false;

  add(timestamp: string | undefined): void {
    if (timestamp === undefined) return;
    const sortable = isSortableIso(timestamp);
    if (this.startedAt === undefined || before(timestamp, sortable, this.startedAt, this.startedSortable)) {
      this.startedAt = timestamp;
      this.startedSortable = sortable;
    }
    if (this.endedAt === undefined || before(this.endedAt, this.endedSortable, timestamp, sortable)) {
      this.endedAt = timestamp;
      this.endedSortable = sortable;
    }
  }
}

// Canonical UTC ISO on a day every month has: such timestamps order as strings exactly as Date.parse orders
// them (no day rolls over into the next month), and comparing strings is ~7× cheaper than parsing both —
// a streamed session adds one per message.
const SORTABLE_ISO = canonicalIso('0[1-9]|1\\d|2[0-8]');

/** Whether a timestamp is canonical UTC ISO on a day every month has (it orders and slices as a string). */
export const isSortableIso = (timestamp: string): boolean => SORTABLE_ISO.test(timestamp);

/** Whether `a` is strictly earlier than `b`, as `Date.parse` says (never, when either is unparsable). */
function before(a: string, aSortable: boolean, b: string, bSortable: boolean): boolean {
  return aSortable && bSortable ? a < b : Date.parse(a) < Date.parse(b);
}

export type SessionValidation = { ok: true; session: Session } | { ok: false; issues: string[] };

/** Validates a value against the session schema; issues name the path of each problem. */
export function validateSession(value: unknown): SessionValidation {
  const result = v.safeParse(SessionSchema, value);
  if (result.success) return { ok: true, session: result.output };
  return {
    ok: false,
    issues: result.issues.map((issue) => {
      const where = issue.path?.map((p) => String(p.key)).join('.') ?? '';
      return where ? `${where}: ${issue.message}` : issue.message;
    }),
  };
}

// Canonical UTC ISO with every field in range: what Date.parse accepts in this shape (it rolls Feb 31 over).
const CANONICAL_ISO = canonicalIso('0[1-9]|[12]\\d|3[01]');

/** `YYYY-MM-DDTHH:MM:SS.sssZ` with the given alternatives for the day. */
function canonicalIso(days: string): RegExp {
  return new RegExp(`^\\d{4}-(?:0[1-9]|1[0-2])-(?:${days})T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d\\.\\d{3}Z$`);
}

/** Normalizes a timestamp from the many shapes sources use (ISO string, epoch ms, epoch s) to ISO, or undefined. */
export function toIsoTime(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  // Most sources already write canonical UTC ISO strings: no Date round trip for those (a hot path).
  if (typeof value === 'string' && CANONICAL_ISO.test(value)) return value;
  let ms: number;
  if (typeof value === 'number') ms = value < 1e11 ? value * 1000 : value;
  else if (typeof value === 'string') {
    ms = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Date.parse(value);
    if (/^\d+(\.\d+)?$/.test(value) && ms < 1e11) ms *= 1000;
  } else if (value instanceof Date) ms = value.getTime();
  else return undefined;
  if (!Number.isFinite(ms)) return undefined;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
