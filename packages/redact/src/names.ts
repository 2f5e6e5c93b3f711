import { createHash } from 'node:crypto';
import type { RedactResult } from './types.js';

/**
 * Invisible format characters (zero-width spaces and joiners, bidirectional controls, the word joiner, the
 * byte-order mark): a token split by one still reaches a name once sanitizing removes them, so they are
 * ignored when looking for secrets in names.
 */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** How names are redacted: a secret anywhere in a name replaces the whole name. */
export interface NameRedaction {
  /**
   * One path segment (a folder of a cwd, a user or machine name, a file name): `redacted-<rule>` when it
   * holds a secret, else as it was. Meant to run before the segment is sanitized.
   */
  segment(segment: string): string;
  /** A path: each segment as `segment` does, then the whole as text (for a secret spanning segments). */
  path(path: string): string;
  /**
   * An identifier (a session id, an agent id): `redacted-<rule>-<12 hex of the id's SHA-256>` when it holds
   * a secret — the hash keeps two such ids apart, so sessions never merge — else as it was.
   */
  id(id: string): string;
}

/** Name redaction on top of a redactor's `redactText`. */
export function nameRedaction(redactText: (text: string) => RedactResult): NameRedaction {
  const ruleIn = (name: string): string | undefined =>
    redactText(name.normalize('NFC').replace(INVISIBLE, '')).findings[0]?.ruleId;
  const segment = (name: string): string => {
    const rule = ruleIn(name);
    return rule ? `redacted-${rule}` : name;
  };
  return {
    segment,
    path(path) {
      const parts = path.split(/([\\/]+)/);
      let changed = false;
      const redacted = parts.map((part, i) => {
        if (i % 2 === 1 || part === '') return part;
        const next = segment(part);
        if (next !== part) changed = true;
        return next;
      });
      const joined = changed ? redacted.join('') : path;
      return redactText(joined).text;
    },
    id(id) {
      const rule = ruleIn(id);
      return rule ? `redacted-${rule}-${createHash('sha256').update(id).digest('hex').slice(0, 12)}` : id;
    },
  };
}
